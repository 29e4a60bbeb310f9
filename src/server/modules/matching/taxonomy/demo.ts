/**
 * Demo: three concepts of Blenders' own, words people in Lier use that the built-in list does
 * not know, so that the Concepts screen has something of the organisation's and matching uses it.
 */
import type { Tx } from '../../../db/client.ts';
import { matchingConcepts } from '../../../db/schema/index.ts';

export async function loadTaxonomyDemo(tx: Tx, organisationId: string) {
  await tx.insert(matchingConcepts).values([
    {
      organisationId,
      kind: 'resource',
      labels: { nl: 'fietsbieb', en: 'bike library', fr: 'vélothèque', ar: 'مكتبة الدراجات' },
      synonyms: {
        nl: ['fietsbibliotheek', 'fiets lenen', 'kinderfiets lenen'],
        en: ['borrow a bike', 'lend a bike'],
        fr: ['emprunter un vélo'],
        ar: ['استعارة دراجة'],
      },
      broader: 'cycling',
      description: 'Kinderfietsen lenen voor een klein bedrag per jaar, en inruilen als ze te klein worden.',
    },
    {
      organisationId,
      kind: 'activity',
      labels: { nl: 'buurtsoep', en: 'neighbourhood soup', fr: 'soupe de quartier', ar: 'حساء الحي' },
      synonyms: {
        nl: ['soep maken voor de buurt', 'soep koken', 'soepmoment'],
        en: ['make soup', 'soup for the neighbours'],
        fr: ['faire de la soupe'],
        ar: ['طبخ الحساء'],
      },
      broader: 'cooking',
    },
    {
      organisationId,
      kind: 'activity',
      labels: { nl: 'boekenruil', en: 'book swap', fr: 'troc de livres', ar: 'تبادل الكتب' },
      synonyms: { nl: ['boeken ruilen', 'ruilkast', 'minibieb'], en: ['swap books', 'little free library'], fr: ['échanger des livres'], ar: ['مبادلة الكتب'] },
    },
  ]);
}
