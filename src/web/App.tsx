import { useEffect } from 'react';
import { I18nProvider } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useMe } from './api/session.ts';
import { Layout } from './components/Layout.tsx';
import { DefaultTitle } from './components/ui.tsx';
import { ForgotPasswordPage } from './routes/auth/ForgotPasswordPage.tsx';
import { LoginPage } from './routes/auth/LoginPage.tsx';
import { ResetPasswordPage } from './routes/auth/ResetPasswordPage.tsx';
import { WelcomePage } from './routes/auth/WelcomePage.tsx';
import { AttendancePage } from './routes/activities/AttendancePage.tsx';
import { CalendarPage } from './routes/activities/CalendarPage.tsx';
import { EditActivityPage } from './routes/activities/EditActivityPage.tsx';
import { NewActivityPage } from './routes/activities/NewActivityPage.tsx';
import { OccurrencePage } from './routes/activities/OccurrencePage.tsx';
import { PublicEventPage } from './routes/activities/PublicEventPage.tsx';
import { AdminRoutes } from './routes/admin/AdminRoutes.tsx';
import { HomePage } from './routes/home/HomePage.tsx';
import { NotFoundPage } from './routes/home/NotFoundPage.tsx';
import { BoardPage } from './routes/matching/BoardPage.tsx';
import { MinePage } from './routes/matching/MinePage.tsx';
import { ProfileViewPage } from './routes/matching/ProfileViewPage.tsx';
import { ReportPage } from './routes/matching/ReportPage.tsx';
import { DashboardPage } from './routes/reports/DashboardPage.tsx';
import { EsfReportPage } from './routes/reports/EsfReportPage.tsx';
import { ReportsPage } from './routes/reports/ReportsPage.tsx';
import { ResearchPage } from './routes/reports/ResearchPage.tsx';
import { PeoplePage } from './routes/people/PeoplePage.tsx';
import { PolicyRoutes } from './routes/policy/PolicyRoutes.tsx';
import { PersonFormPage } from './routes/people/PersonFormPage.tsx';
import { PersonPage } from './routes/people/PersonPage.tsx';
import { PathwayPage } from './routes/pathways/PathwayPage.tsx';
import { PathwaysPage } from './routes/pathways/PathwaysPage.tsx';
import { ReferralsPage } from './routes/pathways/ReferralsPage.tsx';
import { ReferralFormPage } from './routes/pathways/ReferralFormPage.tsx';
import { IntakePage } from './routes/pathways/IntakePage.tsx';
import { MyPathwayPage } from './routes/pathways/MyPathwayPage.tsx';
import { CohortsPage } from './routes/pathways/CohortsPage.tsx';
import { PartnerReferralsPage } from './routes/pathways/PartnerReferralsPage.tsx';

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
    const main = document.getElementById('main');
    // A page that put the cursor in a field of its own (a search box) keeps it there.
    if (main && !main.contains(document.activeElement)) main.focus({ preventScroll: true });
  }, [location.pathname]);
}

export function App() {
  const { data: me } = useMe();
  const { i18n } = useTranslation();
  useRouteFocus();
  return (
    <I18nProvider locale={i18n.language}>
      <DefaultTitle />
      <Layout me={me ?? null}>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route path="/welcome" element={<WelcomePage />} />
          <Route path="/forgot-password" element={<ForgotPasswordPage />} />
          <Route path="/reset-password" element={<ResetPasswordPage />} />
          <Route
            path="/"
            element={
              <RequireSignIn>
                <HomePage />
              </RequireSignIn>
            }
          />
          <Route
            path="/people"
            element={
              <RequireSignIn>
                <PeoplePage />
              </RequireSignIn>
            }
          />
          <Route
            path="/people/new"
            element={
              <RequireSignIn>
                <PersonFormPage mode="new" />
              </RequireSignIn>
            }
          />
          <Route
            path="/people/:id"
            element={
              <RequireSignIn>
                <PersonPage />
              </RequireSignIn>
            }
          />
          <Route
            path="/people/:id/edit"
            element={
              <RequireSignIn>
                <PersonFormPage mode="edit" />
              </RequireSignIn>
            }
          />
          <Route
            path="/activities"
            element={
              <RequireSignIn>
                <CalendarPage />
              </RequireSignIn>
            }
          />
          <Route
            path="/activities/new"
            element={
              <RequireSignIn>
                <NewActivityPage />
              </RequireSignIn>
            }
          />
          <Route
            path="/activities/:id/edit"
            element={
              <RequireSignIn>
                <EditActivityPage />
              </RequireSignIn>
            }
          />
          <Route
            path="/activities/occurrences/:id"
            element={
              <RequireSignIn>
                <OccurrencePage />
              </RequireSignIn>
            }
          />
          <Route
            path="/activities/occurrences/:id/attendance"
            element={
              <RequireSignIn>
                <AttendancePage />
              </RequireSignIn>
            }
          />
          <Route path="/events/:slug" element={<PublicEventPage />} />
          <Route
            path="/admin/*"
            element={
              <RequireSignIn>
                <AdminRoutes />
              </RequireSignIn>
            }
          />
          <Route
            path="/matching/mine"
            element={
              <RequireSignIn>
                <MinePage />
              </RequireSignIn>
            }
          />
          <Route
            path="/matching/report"
            element={
              <RequireSignIn>
                <ReportPage />
              </RequireSignIn>
            }
          />
          <Route
            path="/reports"
            element={
              <RequireSignIn>
                <ReportsPage />
              </RequireSignIn>
            }
          />
          <Route
            path="/reports/esf"
            element={
              <RequireSignIn>
                <EsfReportPage />
              </RequireSignIn>
            }
          />
          <Route
            path="/reports/dashboard"
            element={
              <RequireSignIn>
                <DashboardPage />
              </RequireSignIn>
            }
          />
          <Route
            path="/research"
            element={
              <RequireSignIn>
                <ResearchPage />
              </RequireSignIn>
            }
          />
          <Route
            path="/people/:id/strengths"
            element={
              <RequireSignIn>
                <ProfileViewPage />
              </RequireSignIn>
            }
          />
          <Route
            path="/matching/board"
            element={
              <RequireSignIn>
                <BoardPage />
              </RequireSignIn>
            }
          />
          <Route
            path="/policy/*"
            element={
              <RequireSignIn>
                <PolicyRoutes />
              </RequireSignIn>
            }
          />
          <Route
            path="/pathways"
            element={
              <RequireSignIn>
                <PathwaysPage />
              </RequireSignIn>
            }
          />
          <Route
            path="/pathways/referrals"
            element={
              <RequireSignIn>
                <ReferralsPage />
              </RequireSignIn>
            }
          />
          <Route
            path="/pathways/referrals/new"
            element={
              <RequireSignIn>
                <ReferralFormPage />
              </RequireSignIn>
            }
          />
          <Route
            path="/pathways/intake"
            element={
              <RequireSignIn>
                <IntakePage />
              </RequireSignIn>
            }
          />
          <Route
            path="/my-pathway"
            element={
              <RequireSignIn>
                <MyPathwayPage />
              </RequireSignIn>
            }
          />
          <Route
            path="/pathways/:id/:tab?"
            element={
              <RequireSignIn>
                <PathwayPage />
              </RequireSignIn>
            }
          />
          <Route
            path="/cohorts/:id?"
            element={
              <RequireSignIn>
                <CohortsPage />
              </RequireSignIn>
            }
          />
          <Route
            path="/partner/referrals"
            element={
              <RequireSignIn>
                <PartnerReferralsPage />
              </RequireSignIn>
            }
          />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Layout>
    </I18nProvider>
  );
}
