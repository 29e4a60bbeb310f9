/**
 * Dutch compound splitting: "fietsherstelling" → fiets + herstelling, "kinderopvang" → kinder +
 * opvang, "sollicitatiebrief" → sollicitatie + brief. Dutch writes compounds as one word, so
 * without this "fiets herstellen" and "fietsherstelling" would share nothing.
 */
import { stemDutch } from './stem.ts';

/**
 * Common Dutch words that occur as parts of compounds in this domain (folded). The concept list's
 * Dutch words are added to these at run time. Combining forms ("kinder", "vergader", "kook") are
 * listed as they appear inside compounds.
 */
export const dutchWordParts: readonly string[] = `
  fiets fietsen herstel herstelling reparatie repareren band auto wagen brommer scooter motor rijles rijbewijs
  kind kinder baby peuter kleuter jeugd jongere jongeren tiener ouder ouders oppas opvang dag dagen nacht week weekend
  school les lessen cursus opleiding taal talen nederlands frans engels arabisch turks spaans woord woorden
  cafe koffie thee tafel huis huiswerk werk werken baan job vak vakantie winkel markt kruidenier restaurant keuken
  kook koken kok eten maaltijd maaltijden voedsel voeding brood taart bak bakken soep groente groenten fruit tuin
  moestuin plant planten bloem bloemen boom bomen gras gazon onderhoud zorg hulp steun dienst diensten hulpverlening
  sollicitatie brief brieven cv gesprek gesprekken vergader vergadering zaal ruimte lokaal kamer plaats plek
  computer laptop pc internet website smartphone gsm telefoon tablet app mail printer scanner software programma
  naai naaimachine kleding kleren kleren stof stoffen brei haak mode schoen schoenen tas
  kapper kapsalon haar knip knippen schoonheid nagel nagels make
  muziek gitaar piano zang zing zingen drum dans dansen sport voetbal fitness zwem zwemmen loop lopen wandel wandelen
  schilder schilderen verf verven teken tekenen kunst foto fotografie film video
  hout houtbewerking timmer timmeren meubel meubels kast bed stoel deur raam ramen muur muren vloer dak tegel tegels
  elektriciteit stroom water gas verwarming loodgieter sanitair lamp lampen klus klussen gereedschap boor
  schoonmaak poets poetsen was wassen strijk strijken afwas
  vervoer transport rit ritten bus trein tram taxi bestel busje verhuis verhuizen verhuizing
  woning woon wonen huur huurder verhuurder sociale sociaal energie factuur facturen rekening rekeningen
  schuld schulden budget geld inkomen uitkering toeslag belasting aangifte premie loon
  formulier formulieren papier papieren administratie document documenten dossier
  gezondheid ziekte dokter arts huisarts tandarts apotheek ziekenhuis ziekenfonds mutualiteit verzekering
  psycholoog stress angst eenzaamheid gezelschap bezoek buur buren buurt wijk stad gemeente
  vrijwilliger vrijwilligers stage vacature vacatures sollicitatie
  magazijn logistiek heftruck chauffeur koerier levering pakket pakketten post
  verkoop kassa klant klanten balie onthaal receptie kantoor secretariaat boekhouding
  bouw metsel metselen beton stel lasser las lassen elektricien installatie
  groep groepen gezin familie moeder moeders vader vaders vrouw vrouwen man mannen senior senioren
  ontmoeting ontmoetings praat praten praatgroep spreek spreken oefen oefenen lees lezen schrijf schrijven
  reken rekenen wiskunde bijles begeleiding coach coaching training workshop
  boek boeken bibliotheek spel spellen gezelschapsspel schaak
  hond honden kat katten dier dieren uitlaat uitlaten
  voedselbank kringwinkel tweedehands weggeef
  vergunning verblijf verblijfsvergunning inburgering nieuwkomer nieuwkomers vluchteling vluchtelingen
  advocaat recht rechten juridisch jurist bijstand
  afspraak afspraken bank kaart betaal betalen
  hulpmiddel rolstoel boodschap boodschappen
  vrij vrije tijd uitstap uitstappen
  brand veiligheid bewaking ehbo
  zelf eigen klein groot nieuw oud mini ploeg team club avond middag namiddag voormiddag ochtend morgen
  maandag dinsdag woensdag donderdag vrijdag zaterdag zondag klas kamp feest moment activiteit
  vrouw man kinder lager middelbaar hoger student leerling ziek zieken bezoek vervoer prijs
  kapot stuk lek slot sleutel fiets auto bus rit weg straat
`
  .trim()
  .split(/\s+/);

/** Linking sounds between parts: fiets-en-stalling, sollicitatie-s-…, kind-er-opvang. */
const linkers = ['s', 'en', 'e', 'er'];

const minPart = 3;
const maxParts = 4;

export interface CompoundSplit {
  /** The parts as written in the word, without linkers. */
  parts: string[];
}

/**
 * Splits a Dutch word into known parts, or returns undefined. `known(part)` says whether a part
 * is a word; the split with the fewest and then the longest parts wins. A part may end inflected
 * (the last part of "fietsherstellingen") when its stem is known.
 */
export function splitCompound(word: string, known: (part: string) => boolean): CompoundSplit | undefined {
  if (word.length < 2 * minPart + 1) return undefined;
  // best[i]: the best split of word.slice(0, i) as [parts, score]; score = Σ len² (longer parts better).
  const best: ({ parts: string[]; score: number } | undefined)[] = new Array(word.length + 1);
  best[0] = { parts: [], score: 0 };
  for (let i = 0; i < word.length; i++) {
    const from = best[i];
    if (!from || from.parts.length >= maxParts) continue;
    for (let j = i + minPart; j <= word.length; j++) {
      const part = word.slice(i, j);
      // The whole word is not a split of itself.
      if (i === 0 && j === word.length) continue;
      if (!known(part)) continue;
      const ends = [j, ...linkers.filter((l) => word.startsWith(l, j) && j + l.length < word.length).map((l) => j + l.length)];
      for (const end of ends) {
        const score = from.score + part.length ** 2 - (end > j ? 1 : 0);
        const at = best[end];
        const parts = [...from.parts, part];
        if (!at || parts.length < at.parts.length || (parts.length === at.parts.length && score > at.score)) {
          best[end] = { parts, score };
        }
      }
    }
  }
  const whole = best[word.length];
  return whole && whole.parts.length >= 2 ? { parts: whole.parts } : undefined;
}

/** A `known` function over a set of words and their Dutch stems. */
export function knownDutch(vocabulary: Iterable<string>): (part: string) => boolean {
  const wordsSet = new Set<string>();
  const stems = new Set<string>();
  for (const w of vocabulary) {
    if (w.length < minPart) continue;
    wordsSet.add(w);
    stems.add(stemDutch(w));
  }
  return (part) => wordsSet.has(part) || (part.length >= 4 && stems.has(stemDutch(part)));
}
