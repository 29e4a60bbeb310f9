import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { languages } from '../i18n.ts';

/** Four buttons, each labelled in its own language, so anyone finds theirs without reading the current one. */
export function LanguageSwitcher({ signedIn }: { signedIn: boolean }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  return (
    <nav aria-label={t('language.label')} className="language-switcher">
      {languages.map((l) => (
        <button
          key={l.code}
          type="button"
          lang={l.code}
          dir={l.dir}
          aria-pressed={i18n.language === l.code}
          onClick={async () => {
            await i18n.changeLanguage(l.code);
            if (signedIn) {
              await api('/auth/me/locale', { method: 'PUT', body: { locale: l.code } }).catch(() => {});
              qc.invalidateQueries({ queryKey: ['me'] });
            }
          }}
        >
          {l.name}
        </button>
      ))}
    </nav>
  );
}
