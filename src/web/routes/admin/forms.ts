import type { TFunction } from 'i18next';
import { type FieldProblem, messageFor } from '../../components/forms.ts';

/**
 * A field's message in the administration forms: what a good value looks like when
 * admin.validation.<field> says so (a period, a country code), else the kit's general message.
 */
export function adminMessage(t: TFunction, field: string, problem: FieldProblem | undefined): string | undefined {
  if (problem?.kind === 'invalid') {
    const specific = t(`admin.validation.${field}`, { defaultValue: '' });
    if (specific) return specific;
  }
  return messageFor(t, field, problem);
}
