import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { password } from '../../../shared/schemas.ts';
import { ApiError, api } from '../../api/client.ts';
import { type Me, signedIn } from '../../api/session.ts';
import { check, type FieldProblems, focusFirstProblem, messageFor, serverProblems } from '../../components/forms.ts';
import { Button, ErrorAlert, Loading, PageHeader, PasswordField, TextField } from '../../components/ui.tsx';

interface InvitationInfo {
  givenName: string;
  organisation: string;
  suggestedLogin: string | null;
}
type Ref = { token: string } | { code: string };

/** The same rules as POST /auth/invitations/accept. */
const accountSchema = z
  .object({
    login: z
      .string()
      .trim()
      .min(3)
      .max(254)
      .regex(/^[\p{L}\p{N}._@+-]+$/u),
    password,
    passwordAgain: z.string(),
  })
  .refine((v) => v.password === v.passwordAgain, { path: ['passwordAgain'] });

/**
 * /welcome?token=… (the link or QR code) or /welcome (type the code): a participant sets up
 * their account, is signed in, and lands on their home page.
 */
export function WelcomePage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  const [code, setCode] = useState<string | null>(null);
  const ref: Ref | null = token ? { token } : code ? { code } : null;
  if (!ref) return <CodeStep onFound={setCode} />;
  return <AccountStep invitationRef={ref} onRestart={() => setCode(null)} />;
}

function CodeStep({ onFound }: { onFound: (code: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const formRef = useRef<HTMLFormElement>(null);
  const lookup = useMutation({
    mutationFn: (c: string) => api<InvitationInfo>('/auth/invitations', { query: { code: c } }),
    onSuccess: (info, c) => {
      qc.setQueryData(['invitation', { code: c }], info);
      onFound(c);
    },
    onError: (e) => {
      if (!(e instanceof ApiError && e.code === 'invitation_invalid')) return;
      setProblem(t('welcome.codeUnknown'));
      focusFirstProblem(formRef.current);
    },
  });
  return (
    <div className="narrow">
      <PageHeader title={t('welcome.codeTitle')} />
      <p className="lead">{t('welcome.codeIntro')}</p>
      <Form
        ref={formRef}
        validationBehavior="aria"
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          const c = code.trim();
          if (c.replace(/[^0-9a-z]/gi, '').length < 4) {
            setProblem(t('welcome.codeRequired'));
            focusFirstProblem(formRef.current);
            return;
          }
          setProblem(undefined);
          lookup.mutate(c);
        }}
      >
        {lookup.error && !problem && <ErrorAlert error={lookup.error} />}
        {/* One field: its message is also said aloud, since the cursor may already be in it. */}
        <p role="alert" className="visually-hidden">
          {problem}
        </p>
        <TextField
          label={t('welcome.code')}
          description={t('welcome.codeHelp')}
          name="code"
          inputDir="ltr"
          autoComplete="one-time-code"
          autoCapitalize="characters"
          spellCheck="false"
          value={code}
          onChange={(v) => {
            setCode(v);
            setProblem(undefined);
          }}
          errorMessage={problem}
          autoFocus
        />
        <Button type="submit" isPending={lookup.isPending}>
          {t('welcome.continue')}
        </Button>
      </Form>
      <ul className="links">
        <li>
          <Link to="/login">{t('welcome.haveAccount')}</Link>
        </li>
      </ul>
    </div>
  );
}

function AccountStep({ invitationRef, onRestart }: { invitationRef: Ref; onRestart: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const formRef = useRef<HTMLFormElement>(null);
  const invitation = useQuery({
    queryKey: ['invitation', invitationRef],
    queryFn: () => api<InvitationInfo>('/auth/invitations', { query: invitationRef }),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const [values, setValues] = useState<{ login: string; password: string; passwordAgain: string } | null>(null);
  const [problems, setProblems] = useState<FieldProblems>({});
  const [tried, setTried] = useState(false);
  const accept = useMutation({
    mutationFn: (v: { login: string; password: string }) =>
      api<Me>('/auth/invitations/accept', { method: 'POST', body: { ...invitationRef, login: v.login.trim(), password: v.password } }),
    onSuccess: (me) => {
      signedIn(qc, me);
      navigate('/', { replace: true, state: { notice: 'welcome' } });
    },
    onError: (e) => {
      const found = serverProblems(e, { login_taken: 'login' });
      setProblems(found);
      if (Object.keys(found).length > 0) focusFirstProblem(formRef.current);
    },
  });

  if (invitation.isPending) return <Loading />;
  const invalid = invitation.error instanceof ApiError && invitation.error.code === 'invitation_invalid';
  const acceptInvalid = accept.error instanceof ApiError && accept.error.code === 'invitation_invalid';
  if (invalid || acceptInvalid) return <InvalidInvitation onRestart={'code' in invitationRef ? onRestart : undefined} />;
  if (invitation.error)
    return (
      <div className="narrow">
        <PageHeader title={t('welcome.title')} />
        <ErrorAlert error={invitation.error} />
      </div>
    );

  const info = invitation.data;
  const v = values ?? { login: info.suggestedLogin ?? '', password: '', passwordAgain: '' };
  const set = (key: keyof typeof v, value: string) => {
    const next = { ...v, [key]: value };
    setValues(next);
    if (tried) setProblems(check(accountSchema, next));
    else if (key in problems) setProblems(({ [key]: _, ...rest }) => rest);
  };
  const err = (field: string) => messageFor(t, field, problems[field]);
  const otherError = accept.error && !(accept.error instanceof ApiError && (accept.error.code === 'validation_failed' || accept.error.code === 'login_taken'));

  return (
    <div className="narrow welcome">
      <PageHeader title={t('welcome.greeting', { name: info.givenName, organisation: info.organisation })} />
      <p className="lead">{t('welcome.intro')}</p>
      <Form
        ref={formRef}
        validationBehavior="aria"
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          const found = check(accountSchema, v);
          setProblems(found);
          if (Object.keys(found).length > 0) {
            focusFirstProblem(formRef.current);
            return;
          }
          accept.mutate(v);
        }}
      >
        {Object.keys(problems).length > 0 && (
          <div role="alert" className="alert alert-error">
            {t('errors.validation_failed')}
          </div>
        )}
        {otherError && <ErrorAlert error={accept.error} />}
        <TextField
          label={t('welcome.login')}
          description={t('welcome.loginHelp')}
          name="login"
          inputDir="ltr"
          autoComplete="username"
          autoCapitalize="off"
          spellCheck="false"
          isRequired
          value={v.login}
          onChange={(x) => set('login', x)}
          errorMessage={err('login')}
        />
        <PasswordField
          label={t('welcome.password')}
          description={t('welcome.passwordHelp')}
          name="password"
          autoComplete="new-password"
          isRequired
          value={v.password}
          onChange={(x) => set('password', x)}
          errorMessage={err('password')}
        />
        <PasswordField
          label={t('welcome.passwordAgain')}
          name="passwordAgain"
          autoComplete="new-password"
          isRequired
          value={v.passwordAgain}
          onChange={(x) => set('passwordAgain', x)}
          errorMessage={err('passwordAgain')}
        />
        <Button type="submit" isPending={accept.isPending}>
          {t('welcome.submit')}
        </Button>
      </Form>
    </div>
  );
}

function InvalidInvitation({ onRestart }: { onRestart?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <PageHeader title={t('welcome.invalidTitle')} />
      <div role="alert" className="alert alert-error">
        {t('errors.invitation_invalid')}
      </div>
      <p>{t('welcome.invalidHelp')}</p>
      <ul className="links">
        <li>
          {onRestart ? (
            <Button variant="quiet" className="link-button" onPress={onRestart}>
              {t('welcome.tryAgain')}
            </Button>
          ) : (
            <Link to="/welcome">{t('welcome.typeCode')}</Link>
          )}
        </li>
        <li>
          <Link to="/login">{t('welcome.haveAccount')}</Link>
        </li>
      </ul>
    </div>
  );
}
