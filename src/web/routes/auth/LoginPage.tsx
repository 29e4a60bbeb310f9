import { useRef, useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { useLogin } from '../../api/session.ts';
import { focusFirstProblem } from '../../components/forms.ts';
import { Button, ErrorAlert, Notice, TextField, useDocumentTitle } from '../../components/ui.tsx';

export function LoginPage() {
  const { t } = useTranslation();
  const login = useLogin();
  const navigate = useNavigate();
  const location = useLocation();
  const [values, setValues] = useState({ login: '', password: '' });
  const [missing, setMissing] = useState({ login: false, password: false });
  const formRef = useRef<HTMLFormElement>(null);
  const state = location.state as { from?: string; notice?: 'passwordChanged' } | null;
  const from = state?.from ?? '/';
  useDocumentTitle(t('login.title'));
  return (
    <div className="narrow">
      {state?.notice === 'passwordChanged' && <Notice>{t('reset.changed')}</Notice>}
      <h1>{t('login.title')}</h1>
      <p className="lead">{t('login.intro')}</p>
      <Form
        ref={formRef}
        // Our own messages in the page's language, not the browser's bubbles.
        validationBehavior="aria"
        onSubmit={(e) => {
          e.preventDefault();
          const missing = { login: !values.login.trim(), password: !values.password };
          setMissing(missing);
          if (missing.login || missing.password) {
            focusFirstProblem(formRef.current);
            return;
          }
          login.mutate(values, { onSuccess: () => navigate(from, { replace: true }) });
        }}
        className="stack"
      >
        <ErrorAlert error={login.error} />
        <TextField
          label={t('login.login')}
          description={t('login.loginHelp')}
          name="login"
          autoComplete="username"
          isRequired
          errorMessage={missing.login ? t('common.validation.required') : undefined}
          value={values.login}
          onChange={(v) => {
            setValues((s) => ({ ...s, login: v }));
            setMissing((m) => ({ ...m, login: false }));
          }}
        />
        <TextField
          label={t('login.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          isRequired
          errorMessage={missing.password ? t('common.validation.required') : undefined}
          value={values.password}
          onChange={(v) => {
            setValues((s) => ({ ...s, password: v }));
            setMissing((m) => ({ ...m, password: false }));
          }}
        />
        <Button type="submit" isPending={login.isPending}>
          {t('login.submit')}
        </Button>
      </Form>
      <ul className="links">
        <li>
          <Link to="/forgot-password">{t('login.forgot')}</Link>
        </li>
        <li>
          <Link to="/welcome">{t('login.haveCode')}</Link>
        </li>
      </ul>
    </div>
  );
}
