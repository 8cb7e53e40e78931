using SecurityPortal.Domain.Calendar;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Incidents;
using SecurityPortal.Domain.Notifications;

namespace SecurityPortal.Domain.Tests;

// March 2027: Monday 01, 08, 15, 22; no public holiday in the month.
public sealed class ReminderRuleTests
{
    private static readonly WorkingDays Plain = new([]);

    // Made up for the test: Thursday 11/03 off, Saturday 13/03 a make-up working day (làm bù).
    private static readonly WorkingDays Shifted = new([March(11)], [March(13)]);

    private static readonly DateTime ClockDue = new(2027, 3, 15, 10, 0, 0, DateTimeKind.Utc);

    private static DateOnly March(int day) => new(2027, 3, day);

    // Due Monday 15/03: the 7-day reminder falls on Monday 08/03, the 3-day one on Friday 12/03, and the 1-day one on
    // Sunday 14/03, which moves back to Friday 12/03 and, being the most urgent, wins that day.
    [Theory]
    [InlineData(1, null)] // 14 days before
    [InlineData(7, null)] // Sunday, 8 days before
    [InlineData(8, 7)]
    [InlineData(9, 7)]
    [InlineData(10, 7)]
    [InlineData(11, 7)]
    [InlineData(12, 1)] // the 3-day and the moved 1-day reminder meet: the 1-day one
    [InlineData(13, 1)]
    [InlineData(14, 1)]
    [InlineData(15, null)] // the due day
    [InlineData(16, null)] // overdue: the digest's business, not this one
    public void A_task_due_on_Monday_is_reminded_7_days_before_then_on_the_Friday(int today, int? expected) =>
        Assert.Equal(expected, Reminders.DueSoon(March(15), March(today), Plain));

    [Fact]
    public void A_reminder_falling_on_a_weekend_is_sent_on_the_Friday_before()
    {
        Assert.Equal(March(8), Reminders.SendDay(March(8), Plain));
        Assert.Equal(March(12), Reminders.SendDay(March(13), Plain));
        Assert.Equal(March(12), Reminders.SendDay(March(14), Plain));
    }

    [Fact]
    public void A_reminder_falling_on_a_day_off_is_sent_on_the_working_day_before()
    {
        // Due Friday 12/03: the 1-day reminder's day, Thursday 11/03, is off, so it goes on Wednesday 10/03.
        Assert.Equal(March(10), Reminders.SendDay(March(11), Shifted));
        Assert.Equal(3, Reminders.DueSoon(March(12), March(9), Shifted)); // Tuesday 09/03 is the 3-day reminder's own day
        Assert.Equal(1, Reminders.DueSoon(March(12), March(10), Shifted));

        // Without the day off, Wednesday still belongs to the 3-day reminder.
        Assert.Equal(3, Reminders.DueSoon(March(12), March(10), Plain));
    }

    [Fact]
    public void A_make_up_Saturday_is_a_working_day_for_reminders()
    {
        Assert.Equal(March(13), Reminders.SendDay(March(13), Shifted));
        Assert.Equal(March(13), Reminders.SendDay(March(14), Shifted));

        // Due Monday 15/03: Friday keeps the 3-day reminder, the 1-day one waits for Saturday 13/03.
        Assert.Equal(3, Reminders.DueSoon(March(15), March(12), Shifted));
        Assert.Equal(1, Reminders.DueSoon(March(15), March(13), Shifted));
    }

    [Fact]
    public void A_missed_reminder_is_caught_up_with_only_the_most_urgent_one()
    {
        // Due Friday 19/03: 7-day reminder Friday 12/03, 3-day Tuesday 16/03, 1-day Thursday 18/03.
        Assert.Equal(7, Reminders.DueSoon(March(19), March(15), Plain)); // portal down on Friday 12/03
        Assert.Equal(3, Reminders.DueSoon(March(19), March(17), Plain)); // both the 7- and the 3-day days are past
        Assert.Equal(1, Reminders.DueSoon(March(19), March(18), Plain));
    }

    [Theory]
    [InlineData(14, 9, 0, false)] // Sunday
    [InlineData(20, 9, 0, false)] // Saturday
    [InlineData(11, 9, 0, false)] // Thursday off
    [InlineData(13, 9, 0, true)] // make-up Saturday
    [InlineData(15, 7, 59, false)] // Monday, before 08:00
    [InlineData(15, 8, 0, true)]
    [InlineData(15, 17, 30, true)]
    public void The_overdue_digest_goes_out_on_working_days_from_the_hour(int day, int hour, int minute, bool expected) =>
        Assert.Equal(expected, Reminders.OverdueDigestDue(new DateTime(2027, 3, day, hour, minute, 0, DateTimeKind.Unspecified), Shifted, 8));

    // A two-hour warning window before the clock runs out.
    [Theory]
    [InlineData(-180, null)]
    [InlineData(-121, null)]
    [InlineData(-120, ClockAlert.Soon)] // the window includes its start
    [InlineData(-30, ClockAlert.Soon)]
    [InlineData(0, ClockAlert.Soon)] // not late until past the due time
    [InlineData(1, ClockAlert.Late)]
    [InlineData(600, ClockAlert.Late)]
    public void An_open_clock_warns_within_the_window_and_then_is_late(int minutesFromDue, ClockAlert? expected) =>
        Assert.Equal(expected, Reminders.ForClock(new ReportClock("Báo cáo đầy đủ (72 giờ)", ClockDue, null), ClockDue.AddMinutes(minutesFromDue), TimeSpan.FromHours(2)));

    [Fact]
    public void A_done_clock_says_nothing_even_when_it_was_late() =>
        Assert.Null(Reminders.ForClock(new ReportClock("Báo cáo đầy đủ (72 giờ)", ClockDue, ClockDue.AddHours(5)), ClockDue.AddHours(10), TimeSpan.FromHours(2)));
}

public sealed class OutboxMailTests
{
    private static readonly DateTime Now = new(2027, 3, 15, 2, 0, 0, DateTimeKind.Utc);

    // 30 s doubling after each failure: 30, 60, 120, 240, 480, 960, 1920, then 3840 capped at 3600.
    private static readonly int[] PauseSeconds = [30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600];

    private static OutboxMail NewMail() => new("can-bo@example.vn", "Nhắc hạn", "Nội dung", Now);

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(7, 1920)]
    [InlineData(8, 3600)] // 3840 s capped
    [InlineData(1000, 3600)]
    public void The_pause_doubles_from_30_seconds_up_to_one_hour(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), OutboxMail.Backoff(failures));

    [Fact]
    public void A_failing_mail_waits_longer_each_time_and_is_given_up_after_the_last_attempt()
    {
        var mail = NewMail();
        for (var failure = 1; failure <= 9; failure++)
        {
            mail.MarkFailed("Kết nối SMTP bị từ chối", Now);
            Assert.Equal(failure, mail.Attempts);
            Assert.Equal(Now.AddSeconds(PauseSeconds[failure - 1]), mail.NextAttemptAtUtc);
            Assert.True(mail.IsWaiting);
            Assert.Null(mail.GaveUpAtUtc);
        }

        mail.MarkFailed("Kết nối SMTP bị từ chối", Now);
        Assert.Equal(10, mail.Attempts); // MaxAttempts
        Assert.Equal(Now, mail.GaveUpAtUtc);
        Assert.False(mail.IsWaiting);

        var later = Now.AddDays(1);
        mail.Retry(later);
        Assert.Equal(0, mail.Attempts);
        Assert.Null(mail.GaveUpAtUtc);
        Assert.Equal(later, mail.NextAttemptAtUtc);
        Assert.True(mail.IsWaiting);
    }

    [Fact]
    public void A_sent_mail_forgets_its_error_and_is_not_retried()
    {
        var mail = NewMail();
        mail.MarkFailed("Hết thời gian chờ", Now);
        mail.MarkSent(Now.AddMinutes(1));
        Assert.Null(mail.LastError);
        Assert.Equal(Now.AddMinutes(1), mail.SentAtUtc);
        Assert.False(mail.IsWaiting);

        mail.Retry(Now.AddMinutes(2));
        Assert.Equal(1, mail.Attempts); // Retry leaves a sent mail alone
        Assert.Equal(Now.AddMinutes(1), mail.SentAtUtc);
    }

    [Fact]
    public void Subject_body_and_error_are_kept_to_one_line_and_their_limits()
    {
        var mail = new OutboxMail("can-bo@example.vn", "Nhắc hạn\nnhiệm vụ\r\nAPP01", new string('b', 20_001), Now);
        Assert.Equal("Nhắc hạn nhiệm vụ APP01", mail.Subject); // "\r\n" is one line ending, one space
        Assert.Equal(20_000, mail.Body.Length); // BodyMaxLength
        Assert.Equal(200, new OutboxMail("a@example.vn", new string('s', 250), "x", Now).Subject.Length); // SubjectMaxLength

        mail.MarkFailed("550\n" + new string('e', 600), Now);
        Assert.Equal(500, mail.LastError!.Length); // ErrorMaxLength
        Assert.StartsWith("550 eee", mail.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void An_address_or_a_reminder_key_over_its_limit_is_refused()
    {
        Assert.Throws<ArgumentException>("toAddress", () => new OutboxMail(new string('a', 257), "s", "b", Now));
        Assert.Throws<ArgumentException>("key", () => new ReminderLog(new string('k', 201), Now));
        Assert.Equal(200, new ReminderLog(new string('k', 200), Now).Key.Length);
    }
}

public sealed class NotificationRuleTests
{
    private static readonly DateTime Now = new(2027, 3, 15, 2, 0, 0, DateTimeKind.Utc);

    private static Notification New(string link = "/Tasks/Details/1") =>
        new("u1", NotificationKind.TaskAssigned, "Bạn được giao nhiệm vụ", link, Now);

    [Theory]
    [InlineData(MailFrequency.Immediate, true, MailState.Queued)]
    [InlineData(MailFrequency.Daily, true, MailState.AwaitingDigest)]
    [InlineData(MailFrequency.Off, true, MailState.None)]
    [InlineData(MailFrequency.Immediate, false, MailState.None)] // no address, no mail
    [InlineData(MailFrequency.Daily, false, MailState.None)]
    public void The_mail_follows_the_users_choice_and_address(MailFrequency frequency, bool hasAddress, MailState expected)
    {
        var notification = New();
        Assert.Equal(MailState.Undecided, notification.Mail);
        notification.PlanMail(frequency, hasAddress);
        Assert.Equal(expected, notification.Mail);
    }

    [Fact]
    public void The_mail_is_decided_once()
    {
        var notification = New();
        notification.PlanMail(MailFrequency.Daily, hasAddress: true);
        notification.PlanMail(MailFrequency.Immediate, hasAddress: true);
        Assert.Equal(MailState.AwaitingDigest, notification.Mail);
    }

    [Theory]
    [InlineData(MailFrequency.Immediate, MailState.Queued)]
    [InlineData(MailFrequency.Daily, MailState.Digested)]
    [InlineData(MailFrequency.Off, MailState.None)]
    public void Only_a_mail_awaiting_the_digest_becomes_digested(MailFrequency frequency, MailState expected)
    {
        var notification = New();
        notification.PlanMail(frequency, hasAddress: true);
        notification.MarkDigested();
        Assert.Equal(expected, notification.Mail);
    }

    [Fact]
    public void An_undecided_mail_is_not_digested()
    {
        var notification = New();
        notification.MarkDigested();
        Assert.Equal(MailState.Undecided, notification.Mail);
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("//evil.example")]
    [InlineData("evil.example/Tasks")]
    [InlineData("/\\evil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData("")]
    public void A_notification_links_only_to_a_page_of_the_portal(string link) =>
        Assert.Throws<ArgumentException>(nameof(link), () => New(link));

    [Fact]
    public void An_undefined_kind_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>("kind", () => new Notification("u1", (NotificationKind)99, "x", "/", Now));

    [Fact]
    public void A_preference_refuses_an_undefined_kind_or_frequency_and_keeps_its_value()
    {
        Assert.Throws<DomainException>(() => new NotificationPreference("u1", NotificationKind.TaskAssigned, (MailFrequency)99));
        Assert.Throws<DomainException>(() => new NotificationPreference("u1", (NotificationKind)99, MailFrequency.Daily));

        var preference = new NotificationPreference("u1", NotificationKind.TaskAssigned, MailFrequency.Daily);
        Assert.Throws<DomainException>(() => preference.Set((MailFrequency)99));
        Assert.Equal(MailFrequency.Daily, preference.Frequency);
    }
}
