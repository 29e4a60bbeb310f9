/**
 * Stopwords and language detection. Detection is deliberately simple: the script decides Arabic;
 * among the Latin-script languages, function words and the concept list's own words vote, and
 * Dutch (the platform's default language) wins when nothing speaks.
 */
import { fold, type Lang, type RawToken } from './normalize.ts';

const words = (s: string) => new Set(s.trim().split(/\s+/).map(fold));

export const stopwords: Record<Lang, Set<string>> = {
  nl: words(`
    de het een en of maar ik jij je u hij zij ze wij we jullie mij me mijn jouw jou uw zijn haar ons onze hun hen
    die dat dit deze wat wie waar wanneer hoe waarom welke welk is ben bent was waren wordt worden werd werden
    zal zullen zou zouden kan kunnen kun kon konden mag mogen moet moeten wil willen wilt wou heb hebt heeft hebben had
    hadden doe doet doen deed van voor met aan op in uit naar bij om over onder tussen door tot te ter er niet geen ook
    nog al wel dan als zo heel erg veel meer zeer even iets niets alles elke ieder iedereen hier daar nu toen want
    omdat dus toch eens echt soms vaak altijd mee af toe per via zonder na sinds tegen eigen wordt ga gaat gaan
    kom komt komen zit zitten staat hoor zeg zegt dingen ding beetje enkele paar soort manier wie waarmee waarbij
    hem ermee erbij ervan erover daarvoor daarmee daarbij mezelf zichzelf zich jezelf jouw jullie u uw des den
    s t 't m n d k word nee ja oké ok hallo hoi beste groetjes bedankt dank alvast`),
  en: words(`
    the a an and or but i you he she it we they me my mine your yours his her hers its our ours their theirs them us
    this that these those what who whom where when how why which is am are was were be been being do does did doing
    have has had having will would can could shall should may might must to of in on at for with from by about
    into over under between through up down out off not no nor so than too very just also only some any all each
    every other such own same more most few both there here then now again once myself yourself itself if as
    because while until since s t d ll m re ve don't get got getting lot lots thing things someone something
    anyone anybody somebody please hi hello thanks thank yes ok okay`),
  fr: words(`
    le la les l un une des du de d et ou mais je j tu il elle on nous vous ils elles me m te t se s moi toi lui
    leur leurs mon ma mes ton ta tes son sa ses notre nos votre vos ce c cet cette ces ceci cela ça qui que qu quoi
    dont ou où est suis es sommes etes sont etre ete ai as a avons avez ont avoir avais avait fait faire fais
    peux peut pouvons pouvez peuvent pourrais pourrait veux veut voulons voulez veulent voudrais voudrait dans sur
    sous pour par avec sans chez vers entre ne n pas plus tres bien aussi encore deja y en au aux si comme quand car
    donc alors tout tous toute toutes autre autres meme chose choses quelque quelques quelqu quelqu'un un peu
    bonjour salut merci oui non svp stp vraiment beaucoup souvent toujours ici la-bas lorsque puis`),
  ar: words(`
    في من على الى إلى عن مع هذا هذه ذلك تلك هؤلاء التي الذي الذين اللذين هو هي هم هن انا أنا انت أنت انتم نحن
    ما ماذا لا لم لن ان أن إن او أو و ثم كل بعض قد كان كانت يكون تكون عند لدي لدى ليس هل اي أي كيف متى اين
    أين لماذا ايضا أيضا جدا فقط بين حتى اذا إذا لكن بل لي له لها لنا لك لكم بها به فيه فيها منه منها عليه
    عليها الي إلي معي معنا عندي عندنا هناك هنا الآن شيء شي يا مرحبا شكرا نعم ف ب ل ك`),
};

/**
 * Words that say "I ask" or "I offer" rather than what: every request and offer has them.
 * They stay in the text (concept phrases use them) but weigh little in text relevance.
 */
export const weakWords: Record<Lang, Set<string>> = {
  nl: words(`
    zoek zoeken zoekt gezocht nodig hulp help helpen helpt geholpen iemand graag kan wil bied bieden biedt aanbod
    vraag vragen vraagt wil willen mogelijk goed goede vrij gratis samen mensen persoon ervaring
    ondersteuning steun advies tips`),
  en: words(`
    looking look need needs needed help helping helps someone can want offer offering offers ask asking
    would like good free together people person experience support advice tips`),
  fr: words(`
    cherche cherchons chercher recherche besoin aide aider aidons aidez quelqu'un quelqu peux peut veux voudrais
    offre offrir propose proposer bon bonne libre gratuit gratuitement ensemble gens personne experience
    soutien conseil conseils`),
  ar: words(`
    ابحث أبحث نبحث احتاج أحتاج نحتاج حاجه حاجة بحاجه مساعده مساعدة ساعد اساعد أساعد يساعد يساعدني يساعدني
    شخص احد أحد اريد أريد نريد استطيع أستطيع يمكنني يمكن اقدر أقدر اعرف أعرف مجانا مجاني
    دعم نصيحه نصيحة`),
};

export interface Detection {
  lang: Lang;
  /** 'given' when the caller's language was used, 'detected' otherwise. */
  how: 'given' | 'detected';
  /** Share of letters in Arabic script, 0..1. */
  arabicShare: number;
  /**
   * False when the Latin-script evidence hardly favours one language ("bike repair", "je me sens
   * seule"): the engine then also reads the words as the other Latin-script languages.
   */
  confident: boolean;
}

/**
 * The language of a text. `vocabulary` maps a folded word to the Latin-script languages whose
 * concept labels use it; `given` is honoured when its script matches the text's.
 */
export function detectLanguage(tokens: RawToken[], given: Lang | undefined, vocabulary: Map<string, Set<Lang>>): Detection {
  let arabic = 0;
  let latin = 0;
  for (const t of tokens) {
    if (t.script === 'arabic') arabic += t.folded.length;
    else latin += t.folded.length;
  }
  const arabicShare = arabic + latin ? arabic / (arabic + latin) : 0;
  const scriptIsArabic = arabicShare > 0.5;
  if (given && (given === 'ar') === scriptIsArabic) return { lang: given, how: 'given', arabicShare, confident: true };
  if (scriptIsArabic) return { lang: 'ar', how: 'detected', arabicShare, confident: true };
  const { lang, margin } = detectLatin(tokens, vocabulary);
  return { lang, how: 'detected', arabicShare, confident: margin >= 1 };
}

const latinLangs = ['nl', 'en', 'fr'] as const;

function detectLatin(tokens: RawToken[], vocabulary: Map<string, Set<Lang>>): { lang: Lang; margin: number } {
  const score: Record<string, number> = { nl: 0, en: 0, fr: 0 };
  for (const t of tokens) {
    if (t.script !== 'latin') continue;
    const stopIn = latinLangs.filter((l) => stopwords[l].has(t.folded));
    // A function word shared by two languages ("in", "on", "a") says less than one of its own.
    for (const l of stopIn) score[l] += 1 / stopIn.length;
    const vocabIn = [...(vocabulary.get(t.folded) ?? [])].filter((l) => l !== 'ar');
    for (const l of vocabIn) score[l] += 0.75 / vocabIn.length;
    // French spelling: accents Dutch and English rarely use.
    if (/[èêàâçùûôîœ]/.test(t.lower)) score.fr += 0.5;
    if (/(ij|oe|ui|aa|oo|sch|cht)/.test(t.folded) && !stopIn.length) score.nl += 0.2;
  }
  let best: Lang = 'nl';
  for (const l of latinLangs) if (score[l] > score[best] + 1e-9) best = l;
  const second = Math.max(...latinLangs.filter((l) => l !== best).map((l) => score[l]));
  return { lang: best, margin: score[best] - second };
}
