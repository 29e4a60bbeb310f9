import type { Db } from '../../db/client.ts';
import { assessmentsService } from './assessments.ts';
import { instrumentsService } from './instruments.ts';
import { journalService } from './journal.ts';
import { networkService } from './network.ts';

/** The care record of a pathway (journal, instruments and assessments, network map) as one service. */
export function careService(db: Db) {
  return {
    journal: journalService(db),
    instruments: instrumentsService(db),
    assessments: assessmentsService(db),
    network: networkService(db),
  };
}
