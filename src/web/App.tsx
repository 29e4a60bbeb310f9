import { useEffect } from 'react';
import { I18nProvider } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useMe } from './api/session.ts';
import { Layout } from './components/Layout.tsx';
import { LoginPage } from './routes/auth/LoginPage.tsx';
import { HomePage } from './routes/home/HomePage.tsx';

/** Pages that need a signed-in person send everyone else to the sign-in page, and back after. */
function RequireSignIn({ children }: { children: React.ReactNode }) {
  const { data: me, isPending } = useMe();
  const location = useLocation();
  if (isPending) return null;
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}

/** Each new page gets its own title and moves focus to the content, as a screen reader expects. */
function useRouteFocus() {
  const location = useLocation();
  useEffect(() => {
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [location.pathname]);
}

export function App() {
  const { data: me } = useMe();
  const { i18n, t } = useTranslation();
  useRouteFocus();
  useEffect(() => {
    document.title = `Schakel · ${t('app.tagline')}`;
  }, [t]);
  return (
    <I18nProvider locale={i18n.language}>
      <Layout me={me ?? null}>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route
            path="/"
            element={
              <RequireSignIn>
                <HomePage />
              </RequireSignIn>
            }
          />
          <Route path="*" element={<p>{t('errors.not_found')}</p>} />
        </Routes>
      </Layout>
    </I18nProvider>
  );
}
