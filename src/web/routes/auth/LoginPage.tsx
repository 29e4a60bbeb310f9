import { useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { useLogin } from '../../api/session.ts';
import { Button, ErrorAlert, Notice, TextField, useDocumentTitle } from '../../components/ui.tsx';

export function LoginPage() {
  const { t } = useTranslation();
  const login = useLogin();
  const navigate = useNavigate();
  const location = useLocation();
  const [values, setValues] = useState({ login: '', password: '' });
  const state = location.state as { from?: string; notice?: 'passwordChanged' } | null;
  const from = state?.from ?? '/';
  useDocumentTitle(t('login.title'));
  return (
    <div className="narrow">
      {state?.notice === 'passwordChanged' && <Notice>{t('reset.changed')}</Notice>}
      <h1>{t('login.title')}</h1>
      <p className="lead">{t('login.intro')}</p>
      <Form
        onSubmit={(e) => {
          e.preventDefault();
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
          value={values.login}
          onChange={(v) => setValues((s) => ({ ...s, login: v }))}
        />
        <TextField
          label={t('login.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          isRequired
          value={values.password}
          onChange={(v) => setValues((s) => ({ ...s, password: v }))}
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
