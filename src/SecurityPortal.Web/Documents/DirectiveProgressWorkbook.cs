using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Directives;
using SecurityPortal.Web.Infrastructure;

namespace SecurityPortal.Web.Documents;

/// <summary>One recipient's line of the progress workbook.</summary>
public sealed record DirectiveReportLine(string Agency, AgencyKind Kind, ReportState State, DateOnly Deadline, DateTime? FirstSubmittedAtUtc, DateTime? SubmittedAtUtc,
    int Answers, int Done, int InProgress, int NotApplicable, int Accepted, int Returned, string? HeadConfirmation);

/// <summary>
/// The progress of a directive as Excel (the portal's <see cref="XlsxWriter"/>): by kind of agency, then agency by agency,
/// with the same definitions as the page (<see cref="DirectiveProgress"/>).
/// </summary>
public static class DirectiveProgressWorkbook
{
    public static byte[] Write(Directive directive, IReadOnlyList<ProgressRow> progress, IReadOnlyList<DirectiveReportLine> lines, DateOnly today) =>
        Spreadsheet.Write(
        [
            ("Tiến độ theo loại cơ quan",
                ["Loại cơ quan", "Số cơ quan", "Đã báo cáo", "Đúng hạn", "Trễ hạn", "Chưa thực hiện", "Hoàn thành"],
                progress.Select(p => (IReadOnlyList<object?>)[p.Kind?.Vietnamese() ?? "Tổng cộng", p.Agencies, p.Reported, p.OnTime, p.Late, p.NotStarted, p.Completed])),
            ("Từng cơ quan",
                ["Văn bản", "Cơ quan, đơn vị", "Loại cơ quan", "Trạng thái", "Hạn báo cáo", "Gửi lần đầu", "Gửi gần nhất", "Đúng hạn", "Số yêu cầu",
                    "Đã thực hiện", "Đang thực hiện", "Không áp dụng", "Được chấp nhận", "Bị trả lại", "Thủ trưởng xác nhận"],
                lines.Select(l =>
                {
                    var facts = new ReportFacts(l.Kind, l.State, l.Deadline, l.FirstSubmittedAtUtc);
                    var timing = DirectiveProgress.IsOnTime(facts) ? "Đúng hạn" : DirectiveProgress.IsLate(facts, today) ? "Trễ hạn" : "Chưa đến hạn";
                    return (IReadOnlyList<object?>)[directive.Number, l.Agency, l.Kind.Vietnamese(), l.State.Vietnamese(), Display.Date(l.Deadline),
                        l.FirstSubmittedAtUtc is { } first ? VietnamTime.Format(first) : null, l.SubmittedAtUtc is { } last ? VietnamTime.Format(last) : null, timing,
                        l.Answers, l.Done, l.InProgress, l.NotApplicable, l.Accepted, l.Returned, l.HeadConfirmation];
                })),
        ]);
}
