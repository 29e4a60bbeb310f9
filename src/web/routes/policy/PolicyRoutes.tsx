import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../home/NotFoundPage.tsx';
import { BarrierPage } from './BarrierPage.tsx';
import { PolicyPage, RaiseBarrierPage } from './BarriersPage.tsx';
import { MeetingPage, MeetingsPage } from './MeetingsPage.tsx';
import { ProposalsPage } from './ProposalsPage.tsx';
import { StoriesPage } from './StoriesPage.tsx';
import './policy.css';

/** Everything under /policy: barriers, proposals and the steering group. */
export function PolicyRoutes() {
  return (
    <Routes>
      <Route index element={<PolicyPage />} />
      <Route path="new" element={<RaiseBarrierPage />} />
      <Route path="barriers/:id" element={<BarrierPage />} />
      <Route path="proposals" element={<ProposalsPage />} />
      <Route path="meetings" element={<MeetingsPage />} />
      <Route path="meetings/:id" element={<MeetingPage />} />
      <Route path="stories" element={<StoriesPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
