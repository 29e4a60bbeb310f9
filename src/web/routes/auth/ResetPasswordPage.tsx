import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { password } from '../../../shared/schemas.ts';
import { ApiError, api } from '../../api/client.ts';
import { check, type FieldProblems, focusFirstProblem, messageFor, serverProblems } from '../../components/forms.ts';
import { Button, ErrorAlert, PageHeader, PasswordField } from '../../components/ui.tsx';

const schema = z.object({ password, passwordAgain: z.string() }).refine((v) => v.password === v.passwordAgain, { path: ['passwordAgain'] });

/** /reset-password?token=…: the link from the mail; choose a new password, then sign in. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState({ password: '', passwordAgain: '' });
  const [problems, setProblems] = useState<FieldProblems>({});
  const [tried, setTried] = useState(false);
  const confirm = useMutation({
    mutationFn: (pw: string) => api<void>('/auth/password-reset/confirm', { method: 'POST', body: { token, password: pw } }),
    onSuccess: () => navigate('/login', { replace: true, state: { notice: 'passwordChanged' } }),
    onError: (e) => setProblems(serverProblems(e)),
  });
  const tokenInvalid =
    !token ||
    (confirm.error instanceof ApiError &&
      (confirm.error.code === 'token_invalid' || (confirm.error.code === 'validation_failed' && confirm.error.fields.some((f) => f.field.endsWith('token')))));

  if (tokenInvalid)
    return (
      <div className="narrow">
        <PageHeader title={t('reset.invalidTitle')} />
        <div role="alert" className="alert alert-error">
          {t('errors.token_invalid')}
        </div>
        <ul className="links">
          <li>
            <Link to="/forgot-password">{t('reset.askAgain')}</Link>
          </li>
          <li>
            <Link to="/login">{t('reset.backToLogin')}</Link>
          </li>
        </ul>
      </div>
    );

  const set = (key: keyof typeof values, value: string) => {
    const next = { ...values, [key]: value };
    setValues(next);
    if (tried) setProblems(check(schema, next));
  };
  const err = (field: string) => messageFor(t, field, problems[field]);
  const otherError = confirm.error && !(confirm.error instanceof ApiError && confirm.error.code === 'validation_failed');
  return (
    <div className="narrow">
      <PageHeader title={t('reset.newTitle')} />
      <p className="lead">{t('reset.newIntro')}</p>
      <Form
        ref={formRef}
        validationBehavior="aria"
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          const found = check(schema, values);
          setProblems(found);
          if (Object.keys(found).length > 0) {
            focusFirstProblem(formRef.current);
            return;
          }
          confirm.mutate(values.password);
        }}
      >
        {Object.keys(problems).length > 0 && (
          <div role="alert" className="alert alert-error">
            {t('errors.validation_failed')}
          </div>
        )}
        {otherError && <ErrorAlert error={confirm.error} />}
        <PasswordField
          label={t('reset.password')}
          description={t('welcome.passwordHelp')}
          name="password"
          autoComplete="new-password"
          isRequired
          value={values.password}
          onChange={(v) => set('password', v)}
          errorMessage={err('password')}
        />
        <PasswordField
          label={t('welcome.passwordAgain')}
          name="passwordAgain"
          autoComplete="new-password"
          isRequired
          value={values.passwordAgain}
          onChange={(v) => set('passwordAgain', v)}
          errorMessage={err('passwordAgain')}
        />
        <Button type="submit" isPending={confirm.isPending}>
          {t('reset.submit')}
        </Button>
      </Form>
    </div>
  );
}
