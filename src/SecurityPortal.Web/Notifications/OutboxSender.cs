using Microsoft.EntityFrameworkCore;
using MimeKit;
using SecurityPortal.Data;
using SecurityPortal.Domain.Notifications;
using SecurityPortal.Web.Observability;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.Notifications;

/// <summary>
/// Sends what the outbox holds. Each mail is claimed first by a conditional update that only one sender can win (the
/// lease is a row value in the database, so it holds across web instances); a failure is recorded and retried after
/// <see cref="OutboxMail.Backoff"/>. A sender that dies holding a lease lets it expire, and the mail is sent later by
/// another — so a crash between sending and recording can send a mail twice, never lose it.
/// </summary>
public sealed class OutboxSender(PortalDbContext db, IMailTransport transport, MailOptions options, TimeProvider clock, ILogger<OutboxSender> logger)
{
    /// <summary>Sends one batch of due mails; returns how many were handed over.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        if (!options.IsConfigured || options.Mode.Equals("Off", StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var candidates = await db.OutboxMails.AsNoTracking()
            .Where(m => m.SentAtUtc == null && m.GaveUpAtUtc == null && m.NextAttemptAtUtc <= now && (m.LeaseUntilUtc == null || m.LeaseUntilUtc < now))
            .OrderBy(m => m.NextAttemptAtUtc)
            .Select(m => m.Id)
            .Take(options.BatchSize)
            .ToListAsync(cancellationToken);

        var claimed = new List<Guid>();
        var leaseUntil = now.AddSeconds(options.LeaseSeconds);
        foreach (var id in candidates)
        {
            var token = Guid.NewGuid();
            var won = await db.OutboxMails
                .Where(m => m.Id == id && m.SentAtUtc == null && m.GaveUpAtUtc == null && (m.LeaseUntilUtc == null || m.LeaseUntilUtc < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseToken, token).SetProperty(m => m.LeaseUntilUtc, leaseUntil), cancellationToken);
            if (won == 1)
            {
                claimed.Add(id);
            }
        }

        if (claimed.Count == 0)
        {
            return 0;
        }

        var mails = await db.OutboxMails.Where(m => claimed.Contains(m.Id)).ToListAsync(cancellationToken);
        var results = new string?[mails.Count];
        var messages = new List<(int Index, MimeMessage Message)>();
        for (var i = 0; i < mails.Count; i++)
        {
            if (MailboxAddress.TryParse(mails[i].ToAddress, out var to))
            {
                messages.Add((i, ToMessage(mails[i], to)));
            }
            else
            {
                results[i] = "Địa chỉ e-mail của người nhận không hợp lệ.";
            }
        }

        var handedOver = await transport.SendAsync([.. messages.Select(m => m.Message)], cancellationToken);
        for (var j = 0; j < messages.Count; j++)
        {
            results[messages[j].Index] = handedOver[j];
        }

        var doneAt = clock.GetUtcNow().UtcDateTime;
        var sent = 0;
        for (var i = 0; i < mails.Count; i++)
        {
            if (results[i] is { } error)
            {
                mails[i].MarkFailed(error, doneAt);
                PortalTelemetry.Mail(sent: false);
                logger.LogWarning("Mail {MailId} not sent (attempt {Attempt}): {Error}", mails[i].Id, mails[i].Attempts, error);
            }
            else
            {
                mails[i].MarkSent(doneAt);
                PortalTelemetry.Mail(sent: true);
                sent++;
            }
        }

        try
        {
            // The lease token is a concurrency token: a sender whose lease was taken over records nothing.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            logger.LogWarning(ex, "A mail lease expired before its result was recorded");
        }

        return sent;
    }

    private MimeMessage ToMessage(OutboxMail mail, MailboxAddress to)
    {
        var message = new MimeMessage
        {
            Subject = mail.Subject,
            Body = new TextPart("plain") { Text = mail.Body },
            MessageId = $"{mail.Id:N}@securityportal",
        };
        message.From.Add(new MailboxAddress(options.FromName, options.From));
        message.To.Add(to);
        return message;
    }
}
