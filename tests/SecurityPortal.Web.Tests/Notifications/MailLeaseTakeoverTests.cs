using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SecurityPortal.Domain.Notifications;
using SecurityPortal.Web.Notifications;

namespace SecurityPortal.Tests.Notifications;

/// <summary>
/// An instance that dies while sending leaves its lease on the mails in the database. Another instance leaves them alone
/// until the lease has expired, then sends each exactly once.
/// </summary>
public sealed class MailLeaseTakeoverTests : PortalTestBase
{
    private const int LeaseSeconds = 60;

    /// <summary>A mail server that takes the batch and never answers, until the instance is stopped.</summary>
    private sealed class HangingTransport : IMailTransport
    {
        public TaskCompletionSource<int> Called { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<IReadOnlyList<string?>> SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken)
        {
            Called.TrySetResult(messages.Count);
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }

    private sealed class RecordingTransport : IMailTransport
    {
        public ConcurrentQueue<string> Sent { get; } = new();

        public Task<IReadOnlyList<string?>> SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken)
        {
            foreach (var message in messages)
            {
                Sent.Enqueue(message.To.Mailboxes.Single().Address);
            }

            return Task.FromResult<IReadOnlyList<string?>>(new string?[messages.Count]);
        }
    }

    private PortalFactory Instance(TestClock clock, IMailTransport transport) => new PortalFactory(Factory.Database).UseClock(clock)
        .With("Mail:Mode", "Smtp").With("Mail:Host", "127.0.0.1").With("Mail:From", "canhbao@songlam.gov.vn")
        .With("Mail:PortalUrl", "https://antt.songlam.gov.vn").With("Mail:LeaseSeconds", LeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .WithServices(services => services.AddSingleton(transport));

    private static async Task<int> SendAsync(PortalFactory instance, CancellationToken cancellationToken)
    {
        await using var scope = instance.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxSender>().SendDueAsync(cancellationToken);
    }

    private Task<List<(Guid? Token, DateTime? Sent)>> LeasesAsync() => Factory.WithDbAsync(async db =>
        (await db.OutboxMails.AsNoTracking().OrderBy(m => m.ToAddress).Select(m => new { m.LeaseToken, m.SentAtUtc }).ToListAsync())
        .Select(m => (m.LeaseToken, m.SentAtUtc)).ToList());

    [Fact]
    public async Task A_lease_left_by_a_dead_instance_is_taken_over_after_it_expires_and_each_mail_is_sent_once()
    {
        var clockA = new TestClock();
        var queuedAt = clockA.GetUtcNow().UtcDateTime;
        await Factory.WithDbAsync(async db =>
        {
            for (var i = 0; i < 3; i++)
            {
                db.OutboxMails.Add(new OutboxMail($"nguoinhan{i}@sl.vn", $"Thư số {i}", $"Nội dung {i}", queuedAt));
            }

            return await db.SaveChangesAsync();
        });

        // Instance A leases the batch and dies while the mail server holds it: nothing is recorded, the leases stay.
        var hanging = new HangingTransport();
        var instanceA = Instance(clockA, hanging);
        using var kill = new CancellationTokenSource();
        var dying = SendAsync(instanceA, kill.Token);
        Assert.Equal(3, await hanging.Called.Task.WaitAsync(TimeSpan.FromSeconds(60)));
        await kill.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dying);
        await instanceA.DisposeAsync();
        var leased = await LeasesAsync();
        Assert.All(leased, m => Assert.True(m.Token is not null && m.Sent is null));

        // Instance B, before the lease expires, leaves them alone.
        var clockB = new TestClock();
        var recording = new RecordingTransport();
        await using var instanceB = Instance(clockB, recording);
        clockB.AdjustTime(clockA.GetUtcNow().AddSeconds(LeaseSeconds - 1));
        Assert.Equal(0, await SendAsync(instanceB, CancellationToken.None));
        Assert.Empty(recording.Sent);
        Assert.Equal(leased, await LeasesAsync());

        // Once it has expired, B takes the leases over and sends each mail once; a second round sends nothing.
        clockB.AdjustTime(clockA.GetUtcNow().AddSeconds(LeaseSeconds + 1));
        Assert.Equal(3, await SendAsync(instanceB, CancellationToken.None));
        Assert.Equal(0, await SendAsync(instanceB, CancellationToken.None));
        Assert.Equal(["nguoinhan0@sl.vn", "nguoinhan1@sl.vn", "nguoinhan2@sl.vn"], recording.Sent.Order(StringComparer.Ordinal));
        Assert.All(await LeasesAsync(), m => Assert.True(m.Token is null && m.Sent is not null));
    }
}
