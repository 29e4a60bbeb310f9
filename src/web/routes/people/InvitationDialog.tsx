import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../shared/people.ts';
import { api } from '../../api/client.ts';
import { Button, DialogModal, ErrorAlert } from '../../components/ui.tsx';
import { formatDateTime } from './format.ts';

interface Invitation {
  url: string;
  code: string;
  qrSvg: string;
  expiresAt: string;
}

/**
 * A companion invites a participant: one press makes a new invitation (replacing any earlier
 * one) and shows its link, code and QR code, ready to hand over or print.
 */
export function InviteButton({ person }: { person: Person }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const invite = useMutation({
    mutationFn: () => api<Invitation>(`/people/${person.id}/invitation`, { method: 'POST' }),
    onSuccess: () => setOpen(true),
  });
  return (
    <>
      <Button variant="secondary" isPending={invite.isPending} onPress={() => invite.mutate()}>
        {t('people.invite.button')}
      </Button>
      {invite.error && (
        <div className="invite-error">
          <ErrorAlert error={invite.error} />
        </div>
      )}
      {invite.data && (
        <DialogModal isOpen={open} onOpenChange={setOpen} title={t('people.invite.title', { name: person.givenName })} className="invitation-modal">
          <InvitationDetails invitation={invite.data} name={person.givenName} onClose={() => setOpen(false)} />
        </DialogModal>
      )}
    </>
  );
}

function InvitationDetails({ invitation, name, onClose }: { invitation: Invitation; name: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const linkRef = useRef<HTMLInputElement>(null);
  // The SVG comes from our own API; shown as an image (data: URL) it cannot run anything.
  const qrSrc = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(invitation.qrSvg)}`;
  // Isolated (FSI…PDI), so that an address keeps its left-to-right order inside an Arabic sentence.
  const welcomeAddress = `\u2068${window.location.host}/welcome\u2069`;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(invitation.url);
      setCopied('yes');
    } catch {
      // No clipboard (an insecure address, or refused): select the link so it can be copied by hand.
      linkRef.current?.select();
      setCopied('no');
    }
  };

  return (
    <div className="invitation print-area">
      <p>{t('people.invite.intro', { name })}</p>

      <section aria-labelledby="invite-link">
        <h3 id="invite-link">{t('people.invite.linkTitle')}</h3>
        <p className="print-only invite-url" dir="ltr">
          {invitation.url}
        </p>
        <div className="input-with-button no-print">
          <input
            ref={linkRef}
            className="invite-link"
            readOnly
            value={invitation.url}
            dir="ltr"
            aria-labelledby="invite-link"
            onFocus={(e) => e.currentTarget.select()}
          />
          <Button variant="secondary" onPress={copy}>
            {t('people.invite.copy')}
          </Button>
        </div>
        <p role="status" className="muted copy-status no-print">
          {copied === 'yes' ? t('people.invite.copied') : copied === 'no' ? t('people.invite.copyByHand') : ''}
        </p>
      </section>

      <div className="invite-grid">
        <section aria-labelledby="invite-code">
          <h3 id="invite-code">{t('people.invite.codeTitle')}</h3>
          <p className="invite-code" dir="ltr">
            {invitation.code}
          </p>
          <p className="muted">{t('people.invite.codeHelp', { address: welcomeAddress })}</p>
        </section>
        <section aria-labelledby="invite-qr">
          <h3 id="invite-qr">{t('people.invite.qrTitle')}</h3>
          <img className="invite-qr" src={qrSrc} alt={t('people.invite.qrAlt', { name })} width={200} height={200} />
        </section>
      </div>

      <p className="invite-expiry">
        <strong>{t('people.invite.expires', { date: formatDateTime(invitation.expiresAt, i18n.language) })}</strong>
      </p>
      <p className="muted no-print">{t('people.invite.replaces')}</p>

      <div className="form-actions no-print">
        <Button onPress={() => window.print()}>{t('people.invite.print')}</Button>
        <Button variant="quiet" onPress={onClose}>
          {t('common.close')}
        </Button>
      </div>
    </div>
  );
}
