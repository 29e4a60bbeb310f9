import { FieldError, Label, Radio, RadioGroup, Text } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import type { Option } from '../../components/ui.tsx';

/** A short choice as radio buttons in a row that wraps (yes / no / prefers not to answer): one tap on a phone. */
export function ChoiceGroup({
  label,
  description,
  options,
  value,
  onChange,
  errorMessage,
  isRequired,
  name,
}: {
  label: string;
  description?: string;
  options: Option[];
  value: string | null;
  onChange: (value: string) => void;
  errorMessage?: string;
  isRequired?: boolean;
  name?: string;
}) {
  return (
    <RadioGroup
      className="field choice-group"
      value={value}
      onChange={onChange}
      isInvalid={!!errorMessage}
      isRequired={isRequired}
      name={name}
      orientation="horizontal"
    >
      <Label className="group-label">
        {label}
        {isRequired && <span aria-hidden="true"> *</span>}
      </Label>
      {description && <Text slot="description">{description}</Text>}
      <div className="choice-row">
        {options.map((o) => (
          <Radio key={o.id} value={o.id} className="choice">
            {o.label}
          </Radio>
        ))}
      </div>
      <FieldError>{errorMessage}</FieldError>
    </RadioGroup>
  );
}

/** The message for an API error: the pathways wording of its code first, then the general one. */
export function usePathwaysError() {
  const { t } = useTranslation();
  return (error: unknown) => {
    const code = error instanceof ApiError ? error.code : 'internal';
    return t(`pathways.errors.${code}`, { defaultValue: t(`errors.${code}`, { defaultValue: t('errors.generic') }) });
  };
}

export function PathwaysError({ error }: { error: unknown }) {
  const message = usePathwaysError();
  if (!error) return null;
  return (
    <div role="alert" className="alert alert-error">
      {message(error)}
    </div>
  );
}

/** Which form field an error code is about, so the message lands beside the field. */
const codeFields: Record<string, string> = {
  unemployed_since_required: 'unemployedSince',
  unemployed_since_after_start: 'unemployedSince',
  start_in_future: 'startedOn',
  birth_date_implausible: 'birthDate',
  referred_in_future: 'referredOn',
  unknown_partner: 'partnerId',
  unknown_contact: 'partnerContactId',
  ended_before_start: 'endedOn',
  end_in_future: 'endedOn',
  event_before_start: 'occurredOn',
  event_in_future: 'occurredOn',
  email_taken: 'email',
};

/** The message for `field` when the API error is about it: a named code, or a validation error listing the field. */
export function errorFor(error: unknown, field: string, message: (e: unknown) => string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  if (codeFields[error.code] === field) return message(error);
  if (error.code === 'validation_failed' && error.fields.some((f) => f.field.split('.').pop() === field)) return message(error);
  return undefined;
}
