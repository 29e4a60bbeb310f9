import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { focusFirstProblem } from '../../components/forms.ts';
import { Button, ErrorAlert, Notice, PageHeader, TextField } from '../../components/ui.tsx';

/** Ask for a link to choose a new password. The answer never tells whether the address is known. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [login, setLogin] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const formRef = useRef<HTMLFormElement>(null);
  const request = useMutation({ mutationFn: (l: string) => api<void>('/auth/password-reset', { method: 'POST', body: { login: l } }) });
  return (
    <div className="narrow">
      <PageHeader title={t('reset.requestTitle')} />
      {request.isSuccess ? (
        <>
          <Notice>{t('reset.sent')}</Notice>
          <p>{t('reset.sentHelp')}</p>
        </>
      ) : (
        <>
          <p className="lead">{t('reset.requestIntro')}</p>
          <Form
            ref={formRef}
            validationBehavior="aria"
            className="stack"
            onSubmit={(e) => {
              e.preventDefault();
              const l = login.trim();
              if (!l) {
                setProblem(t('common.validation.required'));
                focusFirstProblem(formRef.current);
                return;
              }
              request.mutate(l);
            }}
          >
            <ErrorAlert error={request.error} />
            {/* One field: its message is also said aloud, since the cursor may already be in it. */}
            <p role="alert" className="visually-hidden">
              {problem}
            </p>
            <TextField
              label={t('login.login')}
              name="login"
              inputDir="ltr"
              autoComplete="username"
              isRequired
              autoFocus
              value={login}
              onChange={(v) => {
                setLogin(v);
                setProblem(undefined);
              }}
              errorMessage={problem}
            />
            <Button type="submit" isPending={request.isPending}>
              {t('reset.requestSubmit')}
            </Button>
          </Form>
          <p className="muted">{t('reset.noEmail')}</p>
        </>
      )}
      <ul className="links">
        <li>
          <Link to="/login">{t('reset.backToLogin')}</Link>
        </li>
      </ul>
    </div>
  );
}
