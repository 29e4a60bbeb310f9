import { Route, Routes } from 'react-router';
import './admin.css';
import { NotFoundPage } from '../home/NotFoundPage.tsx';
import { AdminHomePage } from './AdminHomePage.tsx';
import { AuditPage } from './AuditPage.tsx';
import { ConceptFormPage } from './ConceptFormPage.tsx';
import { ConceptsPage } from './ConceptsPage.tsx';
import { RequirePermission } from './common.tsx';
import { InstrumentFormPage, InstrumentsPage } from './InstrumentsPage.tsx';
import { PartnerFormPage } from './PartnerFormPage.tsx';
import { PartnersPage } from './PartnersPage.tsx';
import { PlaceFormPage } from './PlaceFormPage.tsx';
import { PlacesPage } from './PlacesPage.tsx';
import { ProgrammeFormPage } from './ProgrammeFormPage.tsx';
import { ProgrammesPage } from './ProgrammesPage.tsx';
import { StaffFormPage } from './StaffFormPage.tsx';
import { StaffPage } from './StaffPage.tsx';

/** Everything under /admin; each page declares the permission it needs, as the API does. */
export function AdminRoutes() {
  const manage = (page: React.ReactNode) => <RequirePermission permission="organisation.manage">{page}</RequirePermission>;
  const staff = (page: React.ReactNode) => <RequirePermission permission="staff.manage">{page}</RequirePermission>;
  return (
    <Routes>
      <Route index element={manage(<AdminHomePage />)} />
      <Route path="programmes" element={manage(<ProgrammesPage />)} />
      <Route path="programmes/new" element={manage(<ProgrammeFormPage mode="new" />)} />
      <Route path="programmes/:id" element={manage(<ProgrammeFormPage mode="edit" />)} />
      <Route path="places" element={manage(<PlacesPage />)} />
      <Route path="places/new" element={manage(<PlaceFormPage mode="new" />)} />
      <Route path="places/:id" element={manage(<PlaceFormPage mode="edit" />)} />
      <Route path="partners" element={manage(<PartnersPage />)} />
      <Route path="partners/new" element={manage(<PartnerFormPage mode="new" />)} />
      <Route path="partners/:id" element={manage(<PartnerFormPage mode="edit" />)} />
      <Route path="concepts" element={manage(<ConceptsPage />)} />
      <Route path="concepts/new" element={manage(<ConceptFormPage mode="new" />)} />
      <Route path="concepts/:id" element={manage(<ConceptFormPage mode="edit" />)} />
      <Route path="staff" element={staff(<StaffPage />)} />
      <Route path="staff/new" element={staff(<StaffFormPage mode="new" />)} />
      <Route path="staff/:accountId" element={staff(<StaffFormPage mode="edit" />)} />
      <Route path="instruments" element={<RequirePermission permission="instruments.manage">{<InstrumentsPage />}</RequirePermission>} />
      <Route path="instruments/new" element={<RequirePermission permission="instruments.manage">{<InstrumentFormPage mode="new" />}</RequirePermission>} />
      <Route path="instruments/:id" element={<RequirePermission permission="instruments.manage">{<InstrumentFormPage mode="edit" />}</RequirePermission>} />
      <Route path="audit" element={<RequirePermission permission="audit.read">{<AuditPage />}</RequirePermission>} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
