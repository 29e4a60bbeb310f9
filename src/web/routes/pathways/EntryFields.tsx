import { useTranslation } from 'react-i18next';
import { answerOrRefused, employmentStatuses, genders } from '../../../shared/pathways.ts';
import type { EntryDataInput } from '../../../shared/pathways-api.ts';
import { iscedLevels } from '../../../shared/pathways-api.ts';
import { Select, TextField } from '../../components/ui.tsx';
import { ChoiceGroup } from './components.tsx';

export type EntryValues = { [K in keyof EntryDataInput]: string };
export const emptyEntry: EntryValues = {
  gender: '',
  isced: '',
  employmentAtEntry: '',
  unemployedSince: '',
  disability: '',
  minority: '',
  foreignBackground: '',
  thirdCountryNational: '',
  homeless: '',
  rural: '',
};
const yesNo = ['thirdCountryNational', 'homeless', 'rural'] as const;
const special = ['disability', 'minority', 'foreignBackground'] as const;
/** Fields every intake answers (with "prefers not to answer" where that is allowed). */
export const requiredEntry = ['gender', 'isced', 'employmentAtEntry', ...special, ...yesNo] as const;

export function entryPayload(v: EntryValues): EntryDataInput {
  return {
    gender: v.gender as EntryDataInput['gender'],
    isced: Number(v.isced),
    employmentAtEntry: v.employmentAtEntry as EntryDataInput['employmentAtEntry'],
    unemployedSince: v.employmentAtEntry === 'unemployed' ? v.unemployedSince || null : null,
    disability: v.disability as EntryDataInput['disability'],
    minority: v.minority as EntryDataInput['minority'],
    foreignBackground: v.foreignBackground as EntryDataInput['foreignBackground'],
    thirdCountryNational: v.thirdCountryNational as EntryDataInput['thirdCountryNational'],
    homeless: v.homeless as EntryDataInput['homeless'],
    rural: v.rural as EntryDataInput['rural'],
  };
}

/** The funder's entry questions: the same fields at intake and when the team corrects them. */
export function EntryFields({
  value,
  onChange,
  errors,
}: {
  value: EntryValues;
  onChange: (v: EntryValues) => void;
  errors: Record<string, string | undefined>;
}) {
  const { t } = useTranslation();
  const set = (k: keyof EntryValues) => (x: string) => onChange({ ...value, [k]: x });
  const answers = answerOrRefused.map((a) => ({ id: a, label: t(`pathways.answer.${a}`) }));
  return (
    <>
      <ChoiceGroup
        label={t('pathways.intake.gender')}
        value={value.gender || null}
        onChange={set('gender')}
        options={genders.map((g) => ({ id: g, label: t(`pathways.gender.${g}`) }))}
        isRequired
        errorMessage={errors.gender}
      />
      <Select
        label={t('pathways.intake.isced')}
        value={value.isced === '' ? null : value.isced}
        onChange={set('isced')}
        options={iscedLevels.map((l) => ({ id: String(l), label: t(`pathways.isced.${l}`) }))}
        isRequired
        errorMessage={errors.isced}
      />
      <p className="muted field-help">{t('pathways.intake.iscedHelp')}</p>
      <ChoiceGroup
        label={t('pathways.intake.employment')}
        value={value.employmentAtEntry || null}
        onChange={set('employmentAtEntry')}
        options={employmentStatuses.map((s) => ({ id: s, label: t(`pathways.employment.${s}`) }))}
        isRequired
        errorMessage={errors.employmentAtEntry}
      />
      {value.employmentAtEntry === 'unemployed' && (
        <TextField
          label={t('pathways.intake.unemployedSince')}
          type="date"
          inputDir="ltr"
          value={value.unemployedSince}
          onChange={set('unemployedSince')}
          isRequired
          errorMessage={errors.unemployedSince}
        />
      )}
      {yesNo.map((k) => (
        <ChoiceGroup
          key={k}
          label={t(`pathways.intake.${k}`)}
          value={value[k] || null}
          onChange={set(k)}
          options={answers}
          isRequired
          errorMessage={errors[k]}
        />
      ))}
      <section aria-labelledby="sensitive-questions" className="sensitive">
        <h3 id="sensitive-questions">{t('pathways.intake.sensitive')}</h3>
        <p className="muted">{t('pathways.intake.sensitiveLead')}</p>
        {special.map((k) => (
          <ChoiceGroup
            key={k}
            label={t(`pathways.intake.${k}`)}
            value={value[k] || null}
            onChange={set(k)}
            options={answers}
            isRequired
            errorMessage={errors[k]}
          />
        ))}
      </section>
    </>
  );
}
