using SecurityPortal.Domain.Calendar;
using SecurityPortal.Domain.Classification;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Domain.Tests;

public sealed class WorkingDaysTests
{
    // Tết Ất Tỵ 2025: Saturday 25/01 to Sunday 02/02 off (Official Dispatch of the Government, 2024).
    private static readonly WorkingDays Calendar = new(
        [new(2025, 1, 1), .. Enumerable.Range(0, 9).Select(i => new DateOnly(2025, 1, 25).AddDays(i)), new(2025, 4, 7), new(2025, 4, 30), new(2025, 5, 1), new(2025, 5, 2)],
        [new(2025, 4, 26)]);

    [Theory]
    [InlineData("2025-01-06", 5, "2025-01-13")] // Monday + 5 → next Monday
    [InlineData("2025-01-10", 1, "2025-01-13")] // Friday + 1 skips the weekend
    [InlineData("2025-01-22", 5, "2025-02-05")] // Tết: Thu 23, Fri 24, then Mon 03/02, Tue 04, Wed 05
    [InlineData("2024-12-31", 1, "2025-01-02")] // New Year's Day is not a working day
    [InlineData("2025-04-24", 3, "2025-04-28")] // Saturday 26/04 is a make-up working day (làm bù): Fri 25, Sat 26, Mon 28
    [InlineData("2025-04-29", 1, "2025-05-05")] // 30/04, 01/05, 02/05 off, then the weekend
    [InlineData("2025-03-05", 0, "2025-03-05")]
    public void Deadlines_count_working_days_after_the_day_of_receipt(string start, int days, string due)
    {
        var expected = DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, Calendar.AddWorkingDays(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), days));
    }

    [Fact]
    public void Between_counts_the_working_days_of_a_span_across_the_year_end()
    {
        var calendar = new WorkingDays([new DateOnly(2026, 1, 1)]);
        Assert.Equal(3, calendar.Between(new DateOnly(2025, 12, 29), new DateOnly(2026, 1, 2)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 1, 3)));
    }

    [Fact]
    public void A_negative_count_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddWorkingDays(new DateOnly(2025, 1, 1), -1));

    // 2026 as the portal ships it: Giỗ Tổ compensatory Monday 27/04, 30/04 and 01/05, Tết Dương lịch 01–02/01 with a
    // make-up Saturday 10/01, and the Quốc khánh break from Saturday 29/08 to Wednesday 02/09.
    private static readonly WorkingDays Calendar2026 = new(
        [new(2026, 1, 1), new(2026, 1, 2), new(2026, 4, 27), new(2026, 4, 30), new(2026, 5, 1), new(2026, 8, 31), new(2026, 9, 1), new(2026, 9, 2)],
        [new(2026, 1, 10)]);

    [Theory]
    [InlineData("2026-02-12", 30, "2026-03-16")] // 14/03 is a Saturday: the limit ends on Monday (Civil Code 2015, Art. 148(5))
    [InlineData("2026-02-12", 15, "2026-02-27")] // a Friday: ends that day
    [InlineData("2026-04-24", 15, "2026-05-11")] // 09/05 is a Saturday
    [InlineData("2026-04-24", 30, "2026-05-25")] // 24/05 is a Sunday
    [InlineData("2026-04-12", 15, "2026-04-28")] // 27/04 is the Giỗ Tổ compensatory day off
    [InlineData("2026-04-15", 15, "2026-05-04")] // 30/04, 01/05 off, then the weekend
    [InlineData("2026-08-14", 15, "2026-09-03")] // 29/08 (Saturday) to 02/09 off
    [InlineData("2025-12-26", 15, "2026-01-10")] // Saturday 10/01 is a make-up working day (làm bù): the limit ends on it
    [InlineData("2025-12-17", 15, "2026-01-05")] // 01/01 and 02/01 off, then the weekend
    [InlineData("2026-03-02", 0, "2026-03-02")]
    public void A_limit_in_calendar_days_ending_on_a_day_off_ends_on_the_next_working_day(string start, int days, string due)
    {
        var expected = DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, Calendar2026.AddCalendarDays(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), days));
    }

    [Fact]
    public void A_negative_number_of_calendar_days_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddCalendarDays(new DateOnly(2025, 1, 1), -1));
}

public sealed class LevelProposalTests
{
    private static LevelResult Level3() => LevelEngine.Evaluate(RuleSet.Decree331, new ClassificationFacts
    {
        FunctionKind = SystemFunctionKind.CitizenBusinessService, InformationTypes = InformationTypes.Public, NationalSecurityHarm = NationalSecurityHarm.None,
        OnlineServiceLevel = 0, ConditionalBusinessLine = false, UserCount = 0, BasicPersonalDataSubjects = 0, SensitivePersonalDataSubjects = 0,
        HandlesAdministrativeProcedures = true, InfrastructureScope = InfrastructureScope.SingleOrganisation, Requires24x7 = false,
        NationalEGovernmentSystem = false, CentralisedNationalData = false, InternationalInfrastructureLink = false, DesignatedLevel = 0, RiskFrameworkLevel = 0,
    });

    [Fact]
    public void The_engines_level_needs_no_justification() => LevelProposal.Check(Level3(), 3, null);

    [Fact]
    public void A_lower_level_is_refused_naming_the_criteria_that_forbid_it()
    {
        var error = Assert.Throws<DomainException>(() => LevelProposal.Check(Level3(), 2, "hệ thống nhỏ"));
        Assert.Contains("Không thể đề xuất cấp độ 2 thấp hơn cấp độ 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("Điều 13 khoản 2 điểm b Nghị định 331/2026/NĐ-CP", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_higher_level_needs_a_justification()
    {
        var error = Assert.Throws<DomainException>(() => LevelProposal.Check(Level3(), 4, "  "));
        Assert.Contains("cần nêu rõ lý do", error.Message, StringComparison.Ordinal);
        LevelProposal.Check(Level3(), 4, "Đánh giá rủi ro cho thấy tác động lớn khi gián đoạn.");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void A_level_outside_1_to_5_is_refused(int level) =>
        Assert.Throws<DomainException>(() => LevelProposal.Check(Level3(), level, "lý do"));
}
