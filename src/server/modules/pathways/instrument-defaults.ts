/**
 * The instruments every organisation starts with, as data (DOMAIN.md, "Measuring progress"):
 * - the participation ladder (Participatieladder, VNG/Divosa; public): one domain, six rungs;
 * - life-domain self-reliance, the platform's own open instrument: the seven life domains of the
 *   Sint-Niklaas programme on five levels, in our own words (not the Zelfredzaamheid-Matrix texts).
 * Higher values are better. Organisations may edit the labels; the `key` ties the row to this file.
 */
import type { InstrumentInput } from '../../../shared/care.ts';

export interface BuiltInInstrument extends InstrumentInput {
  key: string;
}

export const participationLadder: BuiltInInstrument = {
  key: 'participation-ladder',
  name: { nl: 'Participatieladder', en: 'Participation ladder', fr: 'Échelle de participation', ar: 'سلم المشاركة' },
  description: {
    nl: 'Hoe iemand deelneemt aan de samenleving, van geïsoleerd tot betaald werk zonder ondersteuning (VNG/Divosa).',
    en: 'How someone takes part in society, from isolated to paid work without support (VNG/Divosa).',
    fr: 'Comment une personne participe à la société, de l’isolement au travail rémunéré sans soutien (VNG/Divosa).',
    ar: 'كيف يشارك الشخص في المجتمع، من العزلة إلى العمل المأجور دون دعم (VNG/Divosa).',
  },
  domains: [{ key: 'participation', labels: { nl: 'Participatie', en: 'Participation', fr: 'Participation', ar: 'المشاركة' } }],
  levels: [
    {
      value: 1,
      labels: { nl: 'Geïsoleerd', en: 'Isolated', fr: 'Isolé', ar: 'معزول' },
      description: {
        nl: 'Nauwelijks contact buiten de huisgenoten.',
        en: 'Hardly any contact beyond the people at home.',
        fr: 'Presque aucun contact en dehors des personnes du foyer.',
        ar: 'لا يكاد يوجد تواصل خارج أفراد البيت.',
      },
    },
    {
      value: 2,
      labels: {
        nl: 'Sociale contacten buitenshuis',
        en: 'Social contacts outside the home',
        fr: 'Contacts sociaux hors du foyer',
        ar: 'علاقات اجتماعية خارج البيت',
      },
      description: {
        nl: 'Elke week contact met anderen, niet georganiseerd.',
        en: 'Weekly contact with others, not organised.',
        fr: 'Des contacts chaque semaine, pas organisés.',
        ar: 'تواصل أسبوعي مع الآخرين، غير منظم.',
      },
    },
    {
      value: 3,
      labels: {
        nl: 'Deelname aan georganiseerde activiteiten',
        en: 'Taking part in organised activities',
        fr: 'Participation à des activités organisées',
        ar: 'المشاركة في أنشطة منظمة',
      },
      description: {
        nl: 'Elke week, zonder verantwoordelijkheid voor anderen.',
        en: 'Every week, without responsibility to others.',
        fr: 'Chaque semaine, sans responsabilité envers les autres.',
        ar: 'كل أسبوع، دون مسؤولية تجاه الآخرين.',
      },
    },
    {
      value: 4,
      labels: { nl: 'Onbetaald werk', en: 'Unpaid work', fr: 'Travail non rémunéré', ar: 'عمل غير مأجور' },
      description: {
        nl: 'Vrijwilligerswerk of stage, met verantwoordelijkheid voor anderen.',
        en: 'Volunteering or an internship, with responsibility to others.',
        fr: 'Bénévolat ou stage, avec une responsabilité envers les autres.',
        ar: 'عمل تطوعي أو تدريب، مع مسؤولية تجاه الآخرين.',
      },
    },
    {
      value: 5,
      labels: { nl: 'Betaald werk met ondersteuning', en: 'Paid work with support', fr: 'Travail rémunéré avec soutien', ar: 'عمل مأجور مع دعم' },
      description: {
        nl: 'Loonsubsidie, jobcoach, beschut werk of een aanvullende uitkering.',
        en: 'Wage subsidy, job coach, sheltered work or a top-up benefit.',
        fr: 'Subside salarial, job coach, travail adapté ou allocation complémentaire.',
        ar: 'دعم للأجر أو مرشد عمل أو عمل محمي أو إعانة تكميلية.',
      },
    },
    {
      value: 6,
      labels: { nl: 'Betaald werk zonder ondersteuning', en: 'Paid work without support', fr: 'Travail rémunéré sans soutien', ar: 'عمل مأجور دون دعم' },
      description: {
        nl: 'Een gewone job, zonder begeleiding of aanvulling.',
        en: 'An ordinary job, without guidance or top-up.',
        fr: 'Un emploi ordinaire, sans accompagnement ni complément.',
        ar: 'وظيفة عادية، دون مرافقة أو دعم إضافي.',
      },
    },
  ],
};

export const lifeDomainSelfReliance: BuiltInInstrument = {
  key: 'life-domains',
  name: {
    nl: 'Zelfredzaamheid op levensdomeinen',
    en: 'Self-reliance on life domains',
    fr: 'Autonomie par domaine de vie',
    ar: 'الاعتماد على النفس في مجالات الحياة',
  },
  description: {
    nl: 'Hoe goed iemand het zelf redt op zeven levensdomeinen, van acuut probleem tot volledig zelfredzaam.',
    en: 'How well someone manages on their own in seven life domains, from an acute problem to fully self-reliant.',
    fr: 'Dans quelle mesure une personne se débrouille seule dans sept domaines de vie, du problème urgent à l’autonomie complète.',
    ar: 'إلى أي مدى يتدبر الشخص أموره بنفسه في سبعة مجالات من الحياة، من مشكلة حادة إلى اعتماد كامل على النفس.',
  },
  domains: [
    { key: 'work', labels: { nl: 'Werk', en: 'Work', fr: 'Travail', ar: 'العمل' } },
    { key: 'housing', labels: { nl: 'Wonen', en: 'Housing', fr: 'Logement', ar: 'السكن' } },
    { key: 'health', labels: { nl: 'Gezondheid', en: 'Health', fr: 'Santé', ar: 'الصحة' } },
    { key: 'income', labels: { nl: 'Inkomen', en: 'Income', fr: 'Revenus', ar: 'الدخل' } },
    { key: 'education', labels: { nl: 'Onderwijs en opleiding', en: 'Education and training', fr: 'Enseignement et formation', ar: 'التعليم والتدريب' } },
    { key: 'parenting', labels: { nl: 'Opvoeding', en: 'Parenting', fr: 'Éducation des enfants', ar: 'تربية الأطفال' } },
    { key: 'social-network', labels: { nl: 'Sociaal netwerk', en: 'Social network', fr: 'Réseau social', ar: 'الشبكة الاجتماعية' } },
  ],
  levels: [
    {
      value: 1,
      labels: { nl: 'Acuut probleem', en: 'Acute problem', fr: 'Problème urgent', ar: 'مشكلة حادة' },
      description: {
        nl: 'Er is nu meteen hulp nodig.',
        en: 'Help is needed right now.',
        fr: 'Il faut de l’aide tout de suite.',
        ar: 'هناك حاجة إلى مساعدة فورًا.',
      },
    },
    {
      value: 2,
      labels: { nl: 'Niet zelfredzaam', en: 'Not self-reliant', fr: 'Pas autonome', ar: 'غير معتمد على النفس' },
      description: {
        nl: 'Lukt niet alleen; anderen nemen veel over.',
        en: 'Does not work out alone; others take over a lot.',
        fr: 'Ça ne va pas seul ; d’autres prennent beaucoup en charge.',
        ar: 'لا ينجح وحده؛ يتولى الآخرون الكثير.',
      },
    },
    {
      value: 3,
      labels: { nl: 'Beperkt zelfredzaam', en: 'Partly self-reliant', fr: 'Partiellement autonome', ar: 'معتمد على النفس جزئيًا' },
      description: {
        nl: 'Lukt deels, met regelmatige hulp.',
        en: 'Partly works out, with regular help.',
        fr: 'Ça va en partie, avec une aide régulière.',
        ar: 'ينجح جزئيًا، مع مساعدة منتظمة.',
      },
    },
    {
      value: 4,
      labels: { nl: 'Voldoende zelfredzaam', en: 'Sufficiently self-reliant', fr: 'Suffisamment autonome', ar: 'معتمد على النفس بشكل كافٍ' },
      description: {
        nl: 'Lukt meestal alleen; af en toe een vraag.',
        en: 'Mostly works out alone; now and then a question.',
        fr: 'Ça va le plus souvent seul ; parfois une question.',
        ar: 'ينجح غالبًا وحده؛ سؤال من حين لآخر.',
      },
    },
    {
      value: 5,
      labels: { nl: 'Volledig zelfredzaam', en: 'Fully self-reliant', fr: 'Complètement autonome', ar: 'معتمد على النفس بالكامل' },
      description: {
        nl: 'Lukt helemaal zelf, ook als het tegenzit.',
        en: 'Works out entirely alone, also when things go wrong.',
        fr: 'Ça va entièrement seul, même quand ça se complique.',
        ar: 'ينجح بالكامل وحده، حتى عندما تسوء الأمور.',
      },
    },
  ],
};

export const builtInInstruments: readonly BuiltInInstrument[] = [participationLadder, lifeDomainSelfReliance];
