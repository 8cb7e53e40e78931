using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Notifications;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Web.Notifications;

namespace SecurityPortal.Tests.Notifications;

/// <summary>
/// E-mail through the outbox: queued in the same transaction as the change, sent by the background sender to a real
/// SMTP server on loopback that refuses and then accepts, never twice with two senders on one database.
/// </summary>
public sealed class MailOutboxTests : PortalTestBase, IDisposable
{
    private readonly SmtpTestServer _smtp = new();
    private readonly TestClock _clock = new();

    protected override PortalFactory Configure(PortalFactory factory) => factory.UseClock(_clock)
        .With("Mail:Mode", "Smtp").With("Mail:Host", "127.0.0.1").With("Mail:Port", _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .With("Mail:Security", "None").With("Mail:From", "canhbao@songlam.gov.vn").With("Mail:PortalUrl", "https://antt.songlam.gov.vn")
        .With("Mail:BatchSize", "5").With("Mail:TimeoutSeconds", "10");

    private async Task<int> SendWithNewScopeAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None);
    }

    private Task<OutboxMail> OnlyMailAsync() => Factory.WithDbAsync(db => db.OutboxMails.AsNoTracking().SingleAsync());

    [Fact]
    public async Task A_task_assignment_queues_its_mail_with_the_change_and_the_sender_retries_with_backoff_until_the_server_accepts()
    {
        var health = await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        await Factory.CreateUserAsync("yte@sl.vn", PortalRoles.AgencyOfficer, health.Id);
        await Factory.CreateUserAsync("quantri@sl.vn", PortalRoles.Administrator, authenticatorKey: Totp.Key);
        var system = await Factory.CreateSystemAsync("SYT-WEB", "Cổng thông tin Sở Y tế", health.Id);
        var officer = await SignInAsync("yte@sl.vn");
        var officerId = await Factory.WithDbAsync(db => db.Users.Where(u => u.Email == "yte@sl.vn").Select(u => u.Id).SingleAsync());
        var due = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime).AddDays(20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        // A task created and assigned: the notification and its mail are stored by the same save.
        var created = await officer.PostFormAsync($"/Tasks/Create?systemId={system.Id}", new()
        {
            ["Input.Title"] = "Gia hạn chứng thư số", ["Input.Severity"] = nameof(TaskSeverity.High), ["Input.Source"] = nameof(TaskSource.Other),
            ["Input.DueDate"] = due, ["Input.AssigneeId"] = officerId,
        });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, created.StatusCode);
        var mail = await OnlyMailAsync();
        Assert.Equal("yte@sl.vn", mail.ToAddress);
        Assert.Contains("Gia hạn chứng thư số", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("https://antt.songlam.gov.vn/Tasks/Details/", mail.Body, StringComparison.Ordinal);
        // Vietnamese first, then the same in English.
        Assert.Matches(@"(?s)^Bạn được giao nhiệm vụ «Gia hạn chứng thư số», hạn \d\d/\d\d/\d{4}\..*--- English ---\nYou have been assigned the task «Gia hạn chứng thư số», due \d\d/\d\d/\d{4}\.", mail.Body);
        Assert.Equal(MailState.Queued, await Factory.WithDbAsync(db => db.Notifications.Select(n => n.Mail).SingleAsync()));

        // The server is down: nothing is lost, the error is recorded in Vietnamese, the next try waits 30 s.
        _smtp.RefuseNext(2);
        Assert.Equal(0, await SendWithNewScopeAsync());
        mail = await OnlyMailAsync();
        Assert.Equal(1, mail.Attempts);
        Assert.StartsWith("Không kết nối được máy chủ thư 127.0.0.1", mail.LastError, StringComparison.Ordinal);
        Assert.Equal(_clock.GetUtcNow().UtcDateTime.AddSeconds(30), mail.NextAttemptAtUtc, TimeSpan.FromSeconds(1));
        Assert.Null(mail.SentAtUtc);
        Assert.Null(mail.LeaseToken);

        Assert.Equal(0, await SendWithNewScopeAsync());
        Assert.Equal(1, (await OnlyMailAsync()).Attempts);
        Assert.Equal(1, _smtp.Connections);

        var admin = await SignInAsync("quantri@sl.vn", Totp.Key);
        var queue = await admin.GetDocumentAsync("/Admin/Mail");
        Assert.Equal("1", queue.QuerySelector("#mail-waiting")!.TextContent);
        Assert.Contains("Không kết nối được máy chủ thư", queue.Body!.TextContent, StringComparison.Ordinal);

        _clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(0, await SendWithNewScopeAsync());
        mail = await OnlyMailAsync();
        Assert.Equal(2, mail.Attempts);
        Assert.Equal(_clock.GetUtcNow().UtcDateTime.AddSeconds(60), mail.NextAttemptAtUtc, TimeSpan.FromSeconds(1));

        _clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(1, await SendWithNewScopeAsync());
        Assert.NotNull((await OnlyMailAsync()).SentAtUtc);
        var received = Assert.Single(_smtp.Messages);
        Assert.Equal(["yte@sl.vn"], received.To);
        var message = received.Parse();
        Assert.Equal("canhbao@songlam.gov.vn", message.From.Mailboxes.Single().Address);
        Assert.Contains("Gia hạn chứng thư số", message.Subject, StringComparison.Ordinal);
        Assert.Contains("Bạn được giao nhiệm vụ", message.TextBody, StringComparison.Ordinal);

        // Sent is sent: another pass sends nothing.
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await SendWithNewScopeAsync());
        Assert.Single(_smtp.Messages);
    }

    [Fact]
    public async Task Two_senders_on_one_database_send_every_mail_exactly_once()
    {
        const int count = 30;
        await Factory.WithDbAsync(async db =>
        {
            var now = _clock.GetUtcNow().UtcDateTime;
            for (var i = 0; i < count; i++)
            {
                db.OutboxMails.Add(new OutboxMail($"nguoinhan{i}@sl.vn", $"Thư số {i}", $"Nội dung {i}", now));
            }

            return await db.SaveChangesAsync();
        });
        _smtp.DelayPerMessage = TimeSpan.FromMilliseconds(15);

        // Two senders, each with its own connection to the database, as two web instances would be.
        async Task<int> WorkerAsync()
        {
            var sent = 0;
            for (var round = 0; round < 50 && await Factory.WithDbAsync(db => db.OutboxMails.AnyAsync(m => m.SentAtUtc == null)); round++)
            {
                sent += await SendWithNewScopeAsync();
            }

            return sent;
        }

        var results = await Task.WhenAll(Task.Run(WorkerAsync), Task.Run(WorkerAsync));

        Assert.Equal(count, results.Sum());
        Assert.Equal(count, _smtp.Messages.Count);
        Assert.Equal(count, _smtp.Messages.Select(m => m.Header("Message-Id")).Distinct().Count());
        Assert.Equal(count, _smtp.Messages.SelectMany(m => m.To).Distinct().Count());
        Assert.Equal(0, await Factory.WithDbAsync(db => db.OutboxMails.CountAsync(m => m.SentAtUtc == null || m.LeaseToken != null)));
    }

    [Fact]
    public async Task A_mail_given_up_after_ten_failures_stays_and_an_administrator_puts_it_back()
    {
        await Factory.CreateUserAsync("quantri@sl.vn", PortalRoles.Administrator, authenticatorKey: Totp.Key);
        await Factory.WithDbAsync(async db =>
        {
            db.OutboxMails.Add(new OutboxMail("khongden@sl.vn", "Thư thử", "Nội dung", _clock.GetUtcNow().UtcDateTime));
            return await db.SaveChangesAsync();
        });
        _smtp.RefuseNext(OutboxMail.MaxAttempts);
        for (var i = 0; i < OutboxMail.MaxAttempts; i++)
        {
            Assert.Equal(0, await SendWithNewScopeAsync());
            _clock.Advance(TimeSpan.FromHours(1));
        }

        var mail = await OnlyMailAsync();
        Assert.NotNull(mail.GaveUpAtUtc);
        Assert.Equal(0, await SendWithNewScopeAsync());
        Assert.Equal(OutboxMail.MaxAttempts, _smtp.Connections);

        // Back to the real time to sign in (session cookies and one-time codes follow it).
        _clock.AdjustTime(DateTimeOffset.UtcNow);
        var admin = await SignInAsync("quantri@sl.vn", Totp.Key);
        Assert.Equal("1", (await admin.GetDocumentAsync("/Admin/Mail")).QuerySelector("#mail-given-up")!.TextContent);
        (await admin.PostFormAsync("/Admin/Mail?handler=Retry", [], pageUrl: "/Admin/Mail")).AssertRedirectsTo("/Admin/Mail");
        Assert.Equal(1, await SendWithNewScopeAsync());
        Assert.Equal("khongden@sl.vn", Assert.Single(_smtp.Messages).To.Single());
    }

    public void Dispose() => _smtp.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
