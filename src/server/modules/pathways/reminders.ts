/**
 * The six-month follow-up reminder: when a follow-up falls due, each member of the pathway's team
 * gets one mail. `reminded_at` is claimed before sending, so a second run (or a second process)
 * skips it. Runs as the database owner across organisations, like the activity reminders.
 */
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { t } from '../../i18n.ts';
import type { Mailer } from '../../mail.ts';
import { pathwaysRepo as repo } from './repo.ts';

export async function sendFollowUpReminders(db: Db, mailer: Mailer, config: Config, today: string, now: Date): Promise<number> {
  const due = await repo.followUpsToRemind(db, today);
  let sent = 0;
  for (const f of due) {
    if (!(await repo.claimReminder(db, f.organisationId, f.pathwayId, now))) continue;
    const team = await repo.teamEmails(db, f.organisationId, f.pathwayId);
    const link = `${config.publicUrl}/pathways/${f.pathwayId}/ending`;
    for (const member of team) {
      if (!member.email) continue;
      const locale = member.locale ?? 'nl';
      await mailer.send({
        to: member.email,
        subject: t(locale, 'pathways.mail.followUp.subject', { name: `${f.givenName} ${f.familyName}` }),
        text: t(locale, 'pathways.mail.followUp.body', { companion: member.givenName, name: `${f.givenName} ${f.familyName}`, dueOn: f.dueOn, link }),
      });
      sent++;
    }
  }
  return sent;
}
