import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/ui.tsx';

/** A page or record that does not exist (or that this user may not see): say so, and offer a way on. */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="narrow not-found">
      <PageHeader title={t('common.notFound.title')} />
      <p className="lead">{t('common.notFound.text')}</p>
      <p>
        <Link to="/" className="button button-primary">
          {t('common.notFound.home')}
        </Link>
      </p>
    </div>
  );
}
