import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan, useMe } from '../../api/session.ts';
import type { PathwayFileProps } from './network-api.ts';
import './network.css';

/** Home cards: the partner worker's inbox, and cohorts for those who work with pathways. */
export function NetworkHomeCards() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const may = useCan();
  const partnerWorker = !!me?.roles.some((r) => r.role === 'partner-worker');
  return (
    <>
      {partnerWorker && (
        <li className="card card-link">
          <h2>
            <Link to="/partner/referrals">{t('referrals.home.inboxTitle')}</Link>
          </h2>
          <p>{t('referrals.home.inboxText')}</p>
        </li>
      )}
      {may('pathways.manage') && (
        <li className="card card-link">
          <h2>
            <Link to="/cohorts">{t('referrals.home.cohortsTitle')}</Link>
          </h2>
          <p>{t('referrals.home.cohortsText')}</p>
        </li>
      )}
    </>
  );
}

/** Links to everything held on someone, as a page to read or print, a PDF and a JSON file. */
function DownloadLinks({ base }: { base: string }) {
  const { t } = useTranslation();
  return (
    <ul className="download-links">
      <li>
        <a href={`${base}?format=html`} target="_blank" rel="noopener">
          {t('referrals.download.asPage')}
        </a>
      </li>
      <li>
        <a href={`${base}?format=pdf`} download>
          {t('referrals.download.asPdf')}
        </a>
      </li>
      <li>
        <a href={`${base}?format=json`} download>
          {t('referrals.download.asJson')}
        </a>
      </li>
    </ul>
  );
}

/** The participant's own download, on their home page. */
export function DownloadMyData() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="my-data-title" className="card download-card">
      <h2 id="my-data-title">{t('referrals.download.mineTitle')}</h2>
      <p>{t('referrals.download.mineText')}</p>
      <DownloadLinks base="/api/v1/me/download" />
    </section>
  );
}

/** The pathway file's "data" tab: the participant downloads their own; the team downloads on their behalf. */
export function DownloadTab({ pathway }: PathwayFileProps) {
  const { t } = useTranslation();
  const own = pathway.capacity === 'participant';
  return (
    <section aria-labelledby="data-title" className="network-section">
      <h3 id="data-title">{t(own ? 'referrals.download.mineTitle' : 'referrals.download.teamTitle')}</h3>
      <p>{t(own ? 'referrals.download.mineText' : 'referrals.download.teamText', { name: pathway.participant.givenName })}</p>
      <DownloadLinks base={own ? '/api/v1/me/download' : `/api/v1/participants/${pathway.participant.id}/download`} />
    </section>
  );
}
