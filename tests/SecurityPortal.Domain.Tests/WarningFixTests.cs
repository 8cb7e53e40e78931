using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Domain.Warnings;

namespace SecurityPortal.Domain.Tests;

/// <summary>
/// A warning's task is resolved with the version each component of the warning's product runs now (recorded in the
/// registry) and verified against the rule again; a mitigation goes through only when a reviewer accepts it.
/// </summary>
public sealed class WarningFixTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);
    private static readonly DateTime Now = new(2026, 12, 1, 2, 30, 0, DateTimeKind.Utc);
    private static readonly DateOnly LongAgo = new(2025, 1, 15);
    private static readonly TaskActor Officer = new("officer", "Cán bộ đơn vị", IsReviewer: false, IsAgencyOfficer: true);
    private static readonly TaskActor Reviewer = new("reviewer", "Thẩm định", IsReviewer: true, IsAgencyOfficer: false);

    private readonly VulnerabilityWarning _warning = new(
        "Lỗ hổng WordPress", "CVE-2099-1234", null, TaskSeverity.Critical, "WordPress < 6.4.3", "Cập nhật lên 6.4.3.", null,
        Today.AddDays(7), Today, "reviewer", Now);

    private readonly InformationSystem _system = new("SYT-WEB", "Cổng Sở Y tế", Guid.NewGuid(), Guid.NewGuid());
    private readonly SoftwareComponent _wordpress;
    private readonly SoftwareComponent _php;
    private readonly RemediationTask _task;

    public WarningFixTests()
    {
        _wordpress = _system.AddComponent(ComponentKind.Cms, "WordPress", null, "5.8.3");
        _wordpress.LastPatched = LongAgo;
        _php = _system.AddComponent(ComponentKind.Framework, "PHP", null, "7.4.33");
        _task = _warning.TaskFor(_system.Id, "WordPress 5.8.3", "reviewer", Now, "Thẩm định");
        _task.AddAttachment(Officer, "cap-nhat.pdf", "application/pdf", 2048, new string('a', 64), Now);
    }

    private void Resolve(string? version, bool removed = false, bool mitigated = false, string note = "Đã cập nhật.") =>
        _warning.Resolve(_task, _system, [new ComponentFix(_wordpress.Id, version, removed)], mitigated, Officer, note, Today, Now);

    [Fact]
    public void The_components_of_the_warning_are_those_of_its_product_whatever_their_version()
    {
        var other = _system.AddComponent(ComponentKind.Cms, "WordPress CMS", null, "6.5.0");
        Assert.Equal([_wordpress, other], _warning.ComponentsOf(_system));
        Assert.Equal([_wordpress], _warning.StillAffected(_system));
    }

    [Theory]
    [InlineData("6.4.2", "«WordPress 6.4.2» vẫn thuộc phạm vi cảnh báo «WordPress < 6.4.3»")]
    [InlineData("", "Cần ghi phiên bản hiện nay của «WordPress»")]
    [InlineData("bản mới nhất", "Không đọc được phiên bản «bản mới nhất» của «WordPress»")]
    [InlineData("6.4.3.1.2.3.4.5.6.7.8.9.10.11.12.13.14.15.16.17.18.19", "Không đọc được phiên bản")]
    public void A_version_still_in_the_rule_missing_or_unreadable_is_refused_and_nothing_changes(string version, string message)
    {
        var refused = Assert.Throws<DomainException>(() => Resolve(version));
        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
        Assert.Equal("5.8.3", _wordpress.Version);
        Assert.Equal(LongAgo, _wordpress.LastPatched);
        Assert.Equal(RemediationStatus.New, _task.Status);
        Assert.Equal(2, _system.Components.Count);
    }

    [Fact]
    public void A_fixed_version_is_recorded_in_the_registry_with_todays_patch_date_and_in_the_thread()
    {
        Resolve(" 6.4.3 ");
        Assert.Equal(RemediationStatus.Resolved, _task.Status);
        Assert.Equal("6.4.3", _wordpress.Version);
        Assert.Equal(Today, _wordpress.LastPatched);
        Assert.Equal("7.4.33", _php.Version);
        Assert.Equal("Đã cập nhật.", _task.ResolutionNote);
        Assert.Equal("Đã cập nhật.\nSổ đăng ký: WordPress 5.8.3 → 6.4.3.", _task.Entries[^1].Text);
        Assert.Empty(_warning.StillAffected(_system));
    }

    [Fact]
    public void A_component_not_posted_keeps_its_version_and_is_checked_as_recorded()
    {
        var refused = Assert.Throws<DomainException>(() => _warning.Resolve(_task, _system, [], false, Officer, "Đã cập nhật.", Today, Now));
        Assert.Contains("«WordPress 5.8.3» vẫn thuộc phạm vi", refused.Message, StringComparison.Ordinal);

        _wordpress.Update(ComponentKind.Cms, "WordPress", null, "6.4.3");
        _warning.Resolve(_task, _system, [], false, Officer, "Đã cập nhật trước đó qua sổ đăng ký.", Today, Now);
        Assert.Equal(RemediationStatus.Resolved, _task.Status);
        Assert.Equal(LongAgo, _wordpress.LastPatched);
    }

    [Fact]
    public void A_removed_component_leaves_the_registry()
    {
        Resolve("5.8.3", removed: true, note: "Đã gỡ WordPress, chuyển sang trang tĩnh.");
        Assert.Equal([_php], _system.Components);
        Assert.Contains("Sổ đăng ký: WordPress 5.8.3: đã gỡ bỏ.", _task.Entries[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_components_of_the_warnings_product_may_be_posted()
    {
        var refused = Assert.Throws<DomainException>(() =>
            _warning.Resolve(_task, _system, [new ComponentFix(_php.Id, "8.3.0", false)], false, Officer, "Đã cập nhật.", Today, Now));
        Assert.Contains("thuộc phạm vi cảnh báo này", refused.Message, StringComparison.Ordinal);
        Assert.Equal("7.4.33", _php.Version);
    }

    [Fact]
    public void The_tasks_own_refusals_come_first_and_another_warnings_task_is_refused()
    {
        var task = new RemediationTask(_system.Id, "Khác", null, TaskSource.Other, null, null, null, TaskSeverity.Low, Today.AddDays(30), "reviewer", Now);
        Assert.Contains("không thuộc cảnh báo", Assert.Throws<DomainException>(() =>
            _warning.Resolve(task, _system, [], false, Officer, "x", Today, Now)).Message, StringComparison.Ordinal);
        Assert.Contains("Cần ghi kết quả xử lý", Assert.Throws<DomainException>(() => Resolve("6.4.3", note: " ")).Message, StringComparison.Ordinal);
        Assert.Equal("5.8.3", _wordpress.Version);
    }

    [Fact]
    public void Verification_checks_the_registry_again()
    {
        Resolve("6.4.3");

        // Someone put the old version back in the registry after the resolution.
        _wordpress.Update(ComponentKind.Cms, "WordPress", null, "6.0");
        var refused = Assert.Throws<DomainException>(() => _warning.Verify(_task, _system, Reviewer, null, acceptMitigation: false, Now));
        Assert.Contains("sổ đăng ký vẫn ghi «WordPress 6.0»", refused.Message, StringComparison.Ordinal);
        Assert.Equal(RemediationStatus.Resolved, _task.Status);

        _wordpress.Update(ComponentKind.Cms, "WordPress", null, "6.4.3");
        _warning.Verify(_task, _system, Reviewer, null, acceptMitigation: false, Now);
        Assert.Equal(RemediationStatus.Verified, _task.Status);
    }

    [Fact]
    public void A_mitigation_is_reported_by_the_agency_and_must_be_accepted_by_the_reviewer_with_a_reason()
    {
        Resolve("5.8.3", mitigated: true, note: "Chưa nâng cấp được; đã tắt XML-RPC và chặn qua WAF.");
        Assert.Equal(RemediationStatus.Resolved, _task.Status);
        Assert.Equal("5.8.3", _wordpress.Version);
        Assert.Equal(LongAgo, _wordpress.LastPatched);
        Assert.Contains("WordPress 5.8.3 (vẫn thuộc phạm vi cảnh báo; đã áp dụng biện pháp giảm thiểu)", _task.Entries[^1].Text, StringComparison.Ordinal);

        Assert.Contains("Chấp nhận biện pháp giảm thiểu", Assert.Throws<DomainException>(() =>
            _warning.Verify(_task, _system, Reviewer, "Đồng ý.", acceptMitigation: false, Now)).Message, StringComparison.Ordinal);
        Assert.Contains("Cần ghi lý do", Assert.Throws<DomainException>(() =>
            _warning.Verify(_task, _system, Reviewer, "  ", acceptMitigation: true, Now)).Message, StringComparison.Ordinal);
        Assert.Equal(RemediationStatus.Resolved, _task.Status);

        _warning.Verify(_task, _system, Reviewer, "WAF đã chặn, nâng cấp trong quý tới.", acceptMitigation: true, Now);
        Assert.Equal(RemediationStatus.Verified, _task.Status);
        Assert.Equal("Chấp nhận biện pháp giảm thiểu; sổ đăng ký vẫn ghi «WordPress 5.8.3»: WAF đã chặn, nâng cấp trong quý tới.", _task.Entries[^1].Text);
    }

    [Fact]
    public void The_resolver_cannot_verify_even_when_the_registry_is_clear()
    {
        _warning.Resolve(_task, _system, [new ComponentFix(_wordpress.Id, "6.4.3", false)], false, Reviewer, "Đã cập nhật thay đơn vị.", Today, Now);
        Assert.Contains("không được tự xác minh", Assert.Throws<DomainException>(() =>
            _warning.Verify(_task, _system, Reviewer, null, acceptMitigation: false, Now)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RuleMatch.Yes, null, WarningSystemState.Affected)]
    [InlineData(RuleMatch.VersionUnknown, null, WarningSystemState.VersionUnknown)]
    [InlineData(RuleMatch.Yes, RemediationStatus.InProgress, WarningSystemState.Affected)]
    [InlineData(RuleMatch.Yes, RemediationStatus.Reopened, WarningSystemState.Affected)]
    [InlineData(RuleMatch.No, RemediationStatus.Resolved, WarningSystemState.AwaitingVerification)]
    [InlineData(RuleMatch.Yes, RemediationStatus.Resolved, WarningSystemState.AwaitingVerification)]
    [InlineData(RuleMatch.No, RemediationStatus.Verified, WarningSystemState.Fixed)]
    [InlineData(RuleMatch.Yes, RemediationStatus.Verified, WarningSystemState.MitigationAccepted)]
    [InlineData(RuleMatch.No, RemediationStatus.New, WarningSystemState.NoLongerMatches)]
    [InlineData(RuleMatch.No, RemediationStatus.Cancelled, WarningSystemState.NoLongerMatches)]
    public void A_systems_state_comes_from_its_task_then_from_the_registry(RuleMatch registry, RemediationStatus? task, WarningSystemState expected) =>
        Assert.Equal(expected, WarningSystemStates.StateOf(registry, task));

    [Fact]
    public void Every_state_has_its_own_vietnamese_name()
    {
        var names = Enum.GetValues<WarningSystemState>().Select(s => s.Vietnamese()).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal(["Bị ảnh hưởng", "Đã xử lý, chờ xác minh", "Đã khắc phục"],
            new[] { WarningSystemState.Affected, WarningSystemState.AwaitingVerification, WarningSystemState.Fixed }.Select(s => s.Vietnamese()));
    }
}
