using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Directives;

namespace SecurityPortal.Domain.Tests;

public sealed class DirectiveTests
{
    // 10:00 in Vietnam on 07/12/2026.
    private static readonly DateTime Now = new(2026, 12, 7, 3, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = new(2026, 12, 7);
    private static readonly Guid Department = Guid.NewGuid();
    private static readonly Guid Commune = Guid.NewGuid();
    private static readonly Guid School = Guid.NewGuid();

    private static readonly Dictionary<Guid, RecipientFacts> Facts = new()
    {
        [Department] = new(AgencyKind.Department, new HashSet<int> { 3 }),
        [Commune] = new(AgencyKind.CommuneCommittee, new HashSet<int>()),
        [School] = new(AgencyKind.School, new HashSet<int> { 1 }),
    };

    private static Directive Letter(bool withFile = true)
    {
        var directive = new Directive("1250/UBND-KGVX", Today, "UBND tỉnh", "Tăng cường bảo đảm an toàn thông tin", "reviewer", Now);
        directive.AddAction("Rà soát quy định an toàn thông tin", Today.AddDays(30), "Báo cáo rà soát", null, null, Today);
        directive.AddAction("Cập nhật phiên bản, bản vá", Today.AddDays(20), null, [AgencyKind.Department, AgencyKind.CommuneCommittee], null, Today);
        directive.AddAction("Triển khai phương án cấp độ 3", Today.AddDays(60), null, null, [3, 4, 5], Today);
        directive.SetRecipients([Department, Commune, School]);
        if (withFile)
        {
            directive.AttachSignedFile("cong-van.pdf", "application/pdf", 100, new string('a', 64), "reviewer", Now);
        }

        return directive;
    }

    private static DirectiveReport ReportOf(Guid agency)
    {
        var (reports, _) = Letter().Send(Facts, "reviewer", Now);
        return reports.Single(r => r.AgencyId == agency);
    }

    [Fact]
    public void Sending_gives_each_recipient_the_actions_that_apply_to_its_kind_and_levels_due_at_the_latest_deadline()
    {
        var directive = Letter();
        var (reports, nothing) = directive.Send(Facts, "reviewer", Now);
        Assert.Equal(DirectiveState.Sent, directive.State);
        Assert.Empty(nothing);
        Assert.Equal([1, 2, 3], reports.Single(r => r.AgencyId == Department).Answers.Select(a => a.Order));
        Assert.Equal([1, 2], reports.Single(r => r.AgencyId == Commune).Answers.Select(a => a.Order));
        Assert.Equal([1], reports.Single(r => r.AgencyId == School).Answers.Select(a => a.Order));
        Assert.Equal(Today.AddDays(60), reports.Single(r => r.AgencyId == Department).Deadline);
        Assert.Equal(Today.AddDays(30), reports.Single(r => r.AgencyId == School).Deadline);
        Assert.All(reports, r => Assert.Equal(ReportState.NotStarted, r.State));
        var again = Assert.Throws<DomainException>(() => directive.Send(Facts, "reviewer", Now));
        Assert.Contains("đã gửi", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directive_is_not_sent_without_its_signed_file_actions_or_an_applicable_recipient()
    {
        Assert.Contains("tệp văn bản đã ký", Assert.Throws<DomainException>(() => Letter(withFile: false).Send(Facts, "r", Now)).Message, StringComparison.Ordinal);
        var onlyLevel5 = new Directive("1/UBND", Today, "UBND tỉnh", "Cấp độ 5", "r", Now);
        onlyLevel5.AddAction("Chỉ cấp độ 5", Today.AddDays(5), null, null, [5], Today);
        onlyLevel5.SetRecipients([Department, Commune]);
        onlyLevel5.AttachSignedFile("a.pdf", "application/pdf", 1, new string('b', 64), "r", Now);
        Assert.Contains("Không yêu cầu nào áp dụng", Assert.Throws<DomainException>(() => onlyLevel5.Send(Facts, "r", Now)).Message, StringComparison.Ordinal);
        Assert.Equal(DirectiveState.Draft, onlyLevel5.State);
        Assert.Throws<DomainException>(() => new Directive(" ", Today, "UBND", "x", "r", Now));
        Assert.Throws<DomainException>(() => new Directive("1", Today.AddDays(1), "UBND", "x", "r", Now));
        Assert.Contains("đã qua", Assert.Throws<DomainException>(() => onlyLevel5.AddAction("Trễ", Today.AddDays(-1), null, null, null, Today)).Message, StringComparison.Ordinal);
        Assert.Throws<DomainException>(() => onlyLevel5.AddAction("Cấp 6", Today, null, null, [6], Today));
    }

    [Fact]
    public void An_agency_answers_not_applicable_only_with_a_reason_and_done_only_with_the_evidence_expected_then_the_head_confirms()
    {
        var report = ReportOf(School);
        var answer = report.Answers.Single();
        Assert.Contains("cần nêu lý do", Assert.Throws<DomainException>(() => report.Answer(answer.Id, ActionAnswer.NotApplicable, " ", null, "officer", Now)).Message, StringComparison.Ordinal);
        Assert.Equal(ReportState.NotStarted, report.State);
        Assert.Throws<DomainException>(() => report.Submit("officer", "Nguyễn Văn A, Hiệu trưởng", Now));

        report.Answer(answer.Id, ActionAnswer.Done, "bỏ qua", "Đã rà soát", "officer", Now);
        Assert.Equal(ReportState.InProgress, report.State);
        Assert.Null(answer.Reason);
        Assert.Contains("cần tệp minh chứng", Assert.Throws<DomainException>(() => report.Submit("officer", "Nguyễn Văn A", Now)).Message, StringComparison.Ordinal);
        report.AddEvidence(answer.Id, "bao-cao.pdf", "application/pdf", 10, new string('c', 64), "officer", Now);
        Assert.Contains("thủ trưởng", Assert.Throws<DomainException>(() => report.Submit("officer", "  ", Now)).Message, StringComparison.Ordinal);
        report.Submit("officer", " Nguyễn Văn A, Hiệu trưởng ", Now);
        Assert.Equal(ReportState.Submitted, report.State);
        Assert.Equal("Nguyễn Văn A, Hiệu trưởng", report.HeadConfirmation);
        Assert.Equal(Now, report.FirstSubmittedAtUtc);
        Assert.Throws<DomainException>(() => report.Answer(answer.Id, ActionAnswer.InProgress, null, null, "officer", Now));
    }

    [Fact]
    public void The_reviewer_accepts_or_returns_each_answer_a_returned_answer_goes_back_and_only_it_may_change()
    {
        var report = ReportOf(Commune);
        var (first, second) = (report.Answers[0], report.Answers[1]);
        report.Answer(first.Id, ActionAnswer.Done, null, null, "officer", Now);
        report.AddEvidence(first.Id, "a.pdf", "application/pdf", 1, new string('d', 64), "officer", Now);
        report.Answer(second.Id, ActionAnswer.InProgress, null, "Đang vá", "officer", Now);
        Assert.Throws<DomainException>(() => report.Review(first.Id, true, null, "reviewer", Now));
        report.Submit("officer", "Trần Văn B, Chủ tịch", Now);

        Assert.Contains("không được xem xét", Assert.Throws<DomainException>(() => report.Review(first.Id, true, null, "officer", Now)).Message, StringComparison.Ordinal);
        Assert.False(report.Review(first.Id, true, null, "reviewer", Now));
        Assert.Equal(ReportState.Submitted, report.State);
        Assert.Contains("cần nhận xét", Assert.Throws<DomainException>(() => report.Review(second.Id, false, " ", "reviewer", Now)).Message, StringComparison.Ordinal);
        Assert.True(report.Review(second.Id, false, "Nêu rõ phiên bản đã cập nhật", "reviewer", Now));
        Assert.Equal(ReportState.Returned, report.State);

        Assert.Contains("đã được chấp nhận", Assert.Throws<DomainException>(() => report.Answer(first.Id, ActionAnswer.InProgress, null, null, "officer", Now)).Message, StringComparison.Ordinal);
        Assert.Contains("chưa được bổ sung", Assert.Throws<DomainException>(() => report.Submit("officer", "Trần Văn B", Now)).Message, StringComparison.Ordinal);
        var later = Now.AddDays(2);
        report.Answer(second.Id, ActionAnswer.Done, null, "Đã cập nhật lên 10.4.2", "officer", later);
        report.Submit("officer", "Trần Văn B, Chủ tịch", later);
        Assert.Equal(AnswerReview.Pending, second.Review);
        Assert.Equal(AnswerReview.Accepted, first.Review);
        Assert.Equal(Now, report.FirstSubmittedAtUtc);
        Assert.Equal(later, report.SubmittedAtUtc);
        Assert.True(report.Review(second.Id, true, null, "reviewer", later));
        Assert.Equal(ReportState.Completed, report.State);
        Assert.Equal(later, report.CompletedAtUtc);
    }

    [Fact]
    public void Progress_counts_reported_on_time_late_and_not_started_by_kind_of_agency()
    {
        var deadline = new DateOnly(2026, 12, 10);
        // 23:30 in Vietnam on the deadline is still on time (16:30 UTC); 00:30 the next day is late.
        var onTime = new DateTime(2026, 12, 10, 16, 30, 0, DateTimeKind.Utc);
        var late = new DateTime(2026, 12, 10, 17, 30, 0, DateTimeKind.Utc);
        ReportFacts[] reports =
        [
            new(AgencyKind.Department, ReportState.Completed, deadline, onTime),
            new(AgencyKind.Department, ReportState.Submitted, deadline, late),
            new(AgencyKind.Department, ReportState.NotStarted, deadline, null),
            new(AgencyKind.CommuneCommittee, ReportState.InProgress, deadline, null),
            new(AgencyKind.CommuneCommittee, ReportState.NotStarted, deadline.AddDays(30), null),
        ];
        var rows = DirectiveProgress.Count(reports, new DateOnly(2026, 12, 11));
        Assert.Equal(new ProgressRow(AgencyKind.Department, 3, 2, 1, 2, 1, 1), rows[0]);
        Assert.Equal(new ProgressRow(AgencyKind.CommuneCommittee, 2, 0, 0, 1, 1, 0), rows[1]);
        Assert.Equal(new ProgressRow(null, 5, 2, 1, 3, 2, 1), rows[2]);
        // Before the deadline nothing unsent is late.
        Assert.Equal(1, DirectiveProgress.Count(reports, deadline)[^1].Late);
    }

    [Fact]
    public void Late_reminders_come_the_day_after_the_deadline_then_weekly()
    {
        var deadline = new DateOnly(2026, 12, 10);
        Assert.Null(DirectiveReminders.LateRound(deadline, deadline));
        Assert.Equal(0, DirectiveReminders.LateRound(deadline, deadline.AddDays(1)));
        Assert.Equal(0, DirectiveReminders.LateRound(deadline, deadline.AddDays(7)));
        Assert.Equal(1, DirectiveReminders.LateRound(deadline, deadline.AddDays(8)));
        Assert.True(DirectiveReminders.AwaitsAgency(ReportState.Returned));
        Assert.False(DirectiveReminders.AwaitsAgency(ReportState.Submitted));
    }
}
