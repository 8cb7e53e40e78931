using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Incidents;

namespace SecurityPortal.Domain.Tests;

public sealed class IncidentTests
{
    private static readonly DateTime Detected = new(2026, 12, 1, 2, 0, 0, DateTimeKind.Utc);
    private static readonly Guid[] OneSystem = [Guid.NewGuid()];

    private static Incident Serious(bool serious = true) =>
        new(Guid.NewGuid(), IncidentKind.Defacement, "Trang chủ bị thay giao diện", null, Detected, serious, null, OneSystem, "u1", Detected.AddHours(1));

    [Fact]
    public void A_serious_incident_runs_the_24_hour_notice_and_72_hour_report_clocks_from_detection()
    {
        var clocks = Serious().Clocks();
        Assert.Equal([Detected.AddHours(24), Detected.AddHours(72)], clocks.Select(c => c.DueUtc));
        Assert.Single(Serious(serious: false).Clocks());
    }

    [Theory]
    [InlineData(23, false)]
    [InlineData(24, false)]
    [InlineData(25, true)]
    public void The_notice_is_late_only_after_24_hours(int hours, bool late)
    {
        var incident = Serious();
        incident.RecordInitialNotice(Detected.AddHours(hours));
        Assert.Equal(late, incident.Clocks()[0].IsLate(Detected.AddHours(100)));
    }

    [Fact]
    public void An_open_clock_counts_down_then_shows_overdue()
    {
        var notice = Serious().Clocks()[0];
        Assert.Equal(TimeSpan.FromHours(20), notice.Remaining(Detected.AddHours(4)));
        Assert.False(notice.IsLate(Detected.AddHours(4)));
        Assert.True(notice.IsLate(Detected.AddHours(30)));
    }

    [Fact]
    public void The_status_moves_forward_only_and_closing_needs_the_full_report()
    {
        var incident = Serious();
        Assert.Throws<DomainException>(() => incident.MoveTo(IncidentStatus.Closed));
        incident.MoveTo(IncidentStatus.InProgress);
        incident.MoveTo(IncidentStatus.Remediated);
        var refused = Assert.Throws<DomainException>(() => incident.MoveTo(IncidentStatus.Closed));
        Assert.Contains("báo cáo đầy đủ", refused.Message, StringComparison.Ordinal);
        incident.RecordFullReport(Detected.AddHours(50), "Khôi phục từ bản sao lưu, vá plugin.");
        incident.MoveTo(IncidentStatus.Closed);
        Assert.Equal(IncidentStatus.Closed, incident.Status);
        Assert.Throws<DomainException>(() => incident.MoveTo(IncidentStatus.InProgress));
        Assert.Throws<DomainException>(() => incident.RecordFullReport(Detected.AddHours(60), "Lần hai"));
    }

    [Fact]
    public void Bad_reports_are_refused()
    {
        Assert.Throws<DomainException>(() => new Incident(Guid.NewGuid(), IncidentKind.Malware, "", null, Detected, true, null, OneSystem, "u", Detected));
        Assert.Throws<DomainException>(() => new Incident(Guid.NewGuid(), IncidentKind.Malware, "Mã độc", null, Detected, true, null, [], "u", Detected));
        Assert.Throws<DomainException>(() => new Incident(Guid.NewGuid(), IncidentKind.Malware, "Mã độc", null, Detected.AddHours(2), true, null, OneSystem, "u", Detected));
        Assert.Throws<DomainException>(() => new Incident(Guid.NewGuid(), (IncidentKind)99, "Mã độc", null, Detected, true, null, OneSystem, "u", Detected));
        var incident = Serious();
        Assert.Throws<DomainException>(() => incident.RecordFullReport(Detected.AddHours(5), "  "));
    }
}
