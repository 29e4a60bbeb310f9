/**
 * Reads the CSV files of an ESCO download (skills_<lang>.csv, occupations_<lang>.csv, also
 * skillGroups_<lang>.csv) row by row: real files are 10-20 MB, so they are streamed, never held
 * whole. One file holds one language; the same conceptUri in several files is one concept with a
 * label per language. Nothing here touches the database: the result is the concepts to store and
 * the rows that were wrong (file, row as a spreadsheet numbers it with the header as row 1, reason).
 */
import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { type ConceptLanguage, conceptLanguages } from '../../../../shared/taxonomy.ts';

export interface EscoConcept {
  uri: string;
  kind: 'skill' | 'domain';
  labels: Partial<Record<ConceptLanguage, string>>;
  synonyms: Partial<Record<ConceptLanguage, string[]>>;
  /** ESCO's description per language. */
  descriptions: Partial<Record<ConceptLanguage, string>>;
}

export interface EscoProblem {
  file: string;
  row: number;
  reason: string;
}

export interface EscoFile {
  /** The file's name as downloaded: its language is in it (skills_nl.csv). */
  name: string;
  /** The language when the name does not say it. */
  language?: string;
  content: Readable | AsyncIterable<Buffer | string> | string;
}

/** Concept types of ESCO and the engine's kind for each. */
const conceptTypes: Record<string, EscoConcept['kind']> = {
  KnowledgeSkillCompetence: 'skill',
  SkillGroup: 'skill',
  Occupation: 'domain',
};
const required = ['conceptType', 'conceptUri', 'preferredLabel'] as const;
const maxProblems = 100;
const maxTermLength = 200;

/** The language of an ESCO file from its name: skills_nl.csv → nl. */
export function languageOfFile(name: string): string | undefined {
  return /_([a-z]{2}(?:-[a-z]+)?)\.csv$/i.exec(name.split(/[\\/]/).pop() ?? '')?.[1]?.toLowerCase();
}

/** altLabels and hiddenLabels hold one label per line (some exports use " | "). */
const splitLabels = (cell: string | undefined) =>
  (cell ?? '')
    .split(/\r?\n|\s\|\s/)
    .map((s) => s.trim())
    .filter(Boolean);

export async function readEscoFiles(
  files: EscoFile[],
): Promise<{ concepts: EscoConcept[]; problems: EscoProblem[]; files: { file: string; language: string; rows: number }[] }> {
  const byUri = new Map<string, EscoConcept>();
  const problems: EscoProblem[] = [];
  const summary: { file: string; language: string; rows: number }[] = [];
  const languagesSeen = new Map<string, string>();
  const problem = (file: string, row: number, reason: string) => {
    if (problems.length < maxProblems) problems.push({ file, row, reason });
  };

  for (const f of files) {
    const file = f.name.split(/[\\/]/).pop() ?? f.name;
    const language = (f.language ?? languageOfFile(file))?.toLowerCase();
    if (!language) {
      problem(file, 0, 'The file name does not say its language (expected e.g. skills_nl.csv).');
      continue;
    }
    if (!(conceptLanguages as readonly string[]).includes(language)) {
      problem(file, 0, `Language "${language}" is not one of ${conceptLanguages.join(', ')}.`);
      continue;
    }
    const lang = language as ConceptLanguage;
    const seenInFile = new Set<string>();
    let rows = 0;
    const source = typeof f.content === 'string' ? Readable.from([f.content]) : Readable.from(f.content as AsyncIterable<Buffer | string>);
    const parser = source.pipe(
      parse({
        bom: true,
        columns: (header: string[]) => header.map((h) => h.trim()),
        info: true,
        skip_empty_lines: true,
        relax_quotes: false,
      }),
    );
    let header: string[] | undefined;
    let failed = false;
    try {
      for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { records: number } }>) {
        // The header is row 1 of the file; the first record is row 2.
        const row = info.records + 1;
        rows++;
        if (!header) {
          header = Object.keys(record);
          const missing = required.filter((c) => !header?.includes(c));
          if (missing.length) {
            problem(file, 1, `Missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: is this an ESCO CSV file?`);
            break;
          }
        }
        const type = record.conceptType?.trim();
        const uri = record.conceptUri?.trim();
        const label = record.preferredLabel?.trim();
        const kind = conceptTypes[type];
        if (!kind) {
          problem(file, row, `Unknown conceptType "${type ?? ''}" (expected ${Object.keys(conceptTypes).join(', ')}).`);
          continue;
        }
        if (!uri || !/^https?:\/\/\S+$/.test(uri) || uri.length > 500) {
          problem(file, row, `conceptUri "${uri ?? ''}" is not a web address.`);
          continue;
        }
        if (seenInFile.has(uri)) {
          problem(file, row, `conceptUri ${uri} occurs twice in this file.`);
          continue;
        }
        seenInFile.add(uri);
        if (!label) {
          problem(file, row, 'preferredLabel is empty.');
          continue;
        }
        if (label.length > maxTermLength) {
          problem(file, row, `preferredLabel is longer than ${maxTermLength} characters.`);
          continue;
        }
        const synonyms = [...new Set([...splitLabels(record.altLabels), ...splitLabels(record.hiddenLabels)])].filter(
          (s) => s.toLowerCase() !== label.toLowerCase() && s.length <= maxTermLength,
        );
        const concept = byUri.get(uri) ?? { uri, kind, labels: {}, synonyms: {}, descriptions: {} };
        if (concept.kind !== kind) {
          problem(file, row, `${uri} is a ${type} here but of another type in another file.`);
          continue;
        }
        concept.labels[lang] = label;
        concept.synonyms[lang] = synonyms;
        const description = (record.description || record.definition || '').trim();
        if (description) concept.descriptions[lang] = description.slice(0, 4000);
        byUri.set(uri, concept);
      }
    } catch (e) {
      if (e instanceof CsvError) {
        // `records` counts the rows read before the broken one, the header not included.
        const at = (e as CsvError & { records?: number }).records;
        failed = true;
        problem(file, typeof at === 'number' ? at + 2 : 0, `Not valid CSV: ${e.message.replace(/^Invalid [^:]+: /, '')}`);
      } else throw e;
    }
    if (!failed && rows === 0) problem(file, 1, 'The file is empty.');
    const other = languagesSeen.get(`${lang}:${file.replace(/_[a-z-]+\.csv$/i, '')}`);
    if (other) problem(file, 0, `${other} is already the ${lang} file of this kind: one file per language.`);
    languagesSeen.set(`${lang}:${file.replace(/_[a-z-]+\.csv$/i, '')}`, file);
    summary.push({ file, language: lang, rows });
  }
  return { concepts: [...byUri.values()], problems, files: summary };
}
