using System.Globalization;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Remediation;
using static SecurityPortal.Domain.Tests.TaskScenario;

namespace SecurityPortal.Domain.Tests;

/// <summary>The actions of a remediation task, one per public method that changes it.</summary>
public enum TaskStep
{
    Start,
    Resolve,
    Verify,
    Reopen,
    Cancel,
    Comment,
    Assign,
    AddAttachment,
    ChangeDueDate,
}

// A task of severity High created on Tuesday 01/12/2026 by "reviewer", due 31/12/2026 (the 30-day default).
// "officer" and "officer2" are agency officers of the system, "reviewer" and "reviewer2" provincial reviewers,
// "outsider" neither. Reach walks a task to a status by legal steps, always with one piece of evidence attached
// first; the officer resolves, the reviewer verifies, reopens or cancels.
internal static class TaskScenario
{
    public const string Hash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    public const string Title = "Cập nhật bản vá cho máy chủ web";
    public const string Description = "Máy chủ APP01 chưa cập nhật bản vá bảo mật tháng 11.";

    public static readonly DateOnly Today = new(2026, 12, 1);
    public static readonly DateOnly Due = new(2026, 12, 31);
    public static readonly DateTime Now = new(2026, 12, 1, 2, 30, 0, DateTimeKind.Utc);
    public static readonly DateTime Later = new(2026, 12, 1, 6, 30, 0, DateTimeKind.Utc);
    public static readonly Guid SystemId = Guid.NewGuid();
    public static readonly Guid SourceId = Guid.NewGuid();
    public static readonly Guid SourceItemId = Guid.NewGuid();

    public static readonly TaskActor Officer = new("officer", "Cán bộ đơn vị", IsReviewer: false, IsAgencyOfficer: true);
    public static readonly TaskActor Officer2 = new("officer2", "Cán bộ thứ hai", IsReviewer: false, IsAgencyOfficer: true);
    public static readonly TaskActor Reviewer = new("reviewer", "Thẩm định", IsReviewer: true, IsAgencyOfficer: false);
    public static readonly TaskActor Reviewer2 = new("reviewer2", "Thẩm định thứ hai", IsReviewer: true, IsAgencyOfficer: false);
    public static readonly TaskActor Outsider = new("outsider", "Người ngoài", IsReviewer: false, IsAgencyOfficer: false);

    /// <summary>The default windows of RemediationOptions (like FedRAMP's).</summary>
    public static readonly Dictionary<TaskSeverity, int> DueDays = new()
    {
        [TaskSeverity.Critical] = 7,
        [TaskSeverity.High] = 30,
        [TaskSeverity.Medium] = 90,
        [TaskSeverity.Low] = 180,
    };

    public static RemediationTask NewTask(string? createdByName = "Thẩm định") => new(
        SystemId, Title, Description, TaskSource.VulnerabilityWarning, SourceId, SourceItemId, "KT-MC.2",
        TaskSeverity.High, Due, "reviewer", Now, createdByName);

    public static void Attach(RemediationTask task, TaskActor actor, string fileName = "bien-ban.pdf") =>
        task.AddAttachment(actor, fileName, "application/pdf", 2048, Hash, Now);

    /// <summary>A task with one attachment, walked to the status by legal steps.</summary>
    public static RemediationTask Reach(RemediationStatus status)
    {
        var task = NewTask();
        Attach(task, Officer);
        if (status == RemediationStatus.New)
        {
            return task;
        }

        if (status == RemediationStatus.Cancelled)
        {
            task.Cancel(Reviewer, "Hệ thống đã ngừng sử dụng.", Now);
            return task;
        }

        task.Start(Officer, Now);
        if (status == RemediationStatus.InProgress)
        {
            return task;
        }

        task.Resolve(Officer, "Đã cập nhật bản vá ngày 30/11.", Now);
        if (status == RemediationStatus.Verified)
        {
            task.Verify(Reviewer, "Đã quét lại.", Now);
        }
        else if (status == RemediationStatus.Reopened)
        {
            task.Reopen(Reviewer, "Còn máy chủ APP02 chưa cập nhật.", Now);
        }

        return task;
    }

    /// <summary>Who would normally take the step: a reviewer for the reviewer's steps, the agency officer otherwise.</summary>
    public static TaskActor ProperActor(TaskStep step) =>
        step is TaskStep.Verify or TaskStep.Reopen or TaskStep.Cancel or TaskStep.ChangeDueDate ? Reviewer : Officer;

    /// <summary>A status in which the proper actor may take the step.</summary>
    public static RemediationStatus StatusAllowing(TaskStep step) => step switch
    {
        TaskStep.Verify or TaskStep.Reopen => RemediationStatus.Resolved,
        TaskStep.Resolve => RemediationStatus.InProgress,
        _ => RemediationStatus.New,
    };

    public static void Do(RemediationTask task, TaskStep step, TaskActor actor)
    {
        switch (step)
        {
            case TaskStep.Start:
                task.Start(actor, Later);
                break;
            case TaskStep.Resolve:
                task.Resolve(actor, "Đã cập nhật bản vá, khởi động lại dịch vụ.", Later);
                break;
            case TaskStep.Verify:
                task.Verify(actor, "Đã quét lại, không còn lỗ hổng.", Later);
                break;
            case TaskStep.Reopen:
                task.Reopen(actor, "Máy chủ APP02 chưa cập nhật.", Later);
                break;
            case TaskStep.Cancel:
                task.Cancel(actor, "Hệ thống đã ngừng sử dụng.", Later);
                break;
            case TaskStep.Comment:
                task.Comment(actor, "Đã liên hệ nhà cung cấp.", Later);
                break;
            case TaskStep.Assign:
                task.Assign(actor, "officer2", "Cán bộ thứ hai", Later);
                break;
            case TaskStep.AddAttachment:
                task.AddAttachment(actor, "nhat-ky-cap-nhat.txt", "text/plain", 512, Hash, Later);
                break;
            case TaskStep.ChangeDueDate:
                task.ChangeDueDate(actor, Today.AddDays(10), "Điều chỉnh theo lịch bảo trì.", Today, Later);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(step));
        }
    }

    public static RemediationStatus StatusAfter(TaskStep step, RemediationStatus before) => step switch
    {
        TaskStep.Start => RemediationStatus.InProgress,
        TaskStep.Resolve => RemediationStatus.Resolved,
        TaskStep.Verify => RemediationStatus.Verified,
        TaskStep.Reopen => RemediationStatus.Reopened,
        TaskStep.Cancel => RemediationStatus.Cancelled,
        _ => before,
    };

    public static TaskAction EntryOf(TaskStep step) => step switch
    {
        TaskStep.Start => TaskAction.Started,
        TaskStep.Resolve => TaskAction.Resolved,
        TaskStep.Verify => TaskAction.Verified,
        TaskStep.Reopen => TaskAction.Reopened,
        TaskStep.Cancel => TaskAction.Cancelled,
        TaskStep.Comment => TaskAction.Commented,
        TaskStep.Assign => TaskAction.Reassigned,
        TaskStep.AddAttachment => TaskAction.EvidenceAdded,
        _ => TaskAction.DueDateChanged,
    };
}

/// <summary>Everything a refused action must leave as it was.</summary>
internal sealed record TaskSnapshot(
    RemediationStatus Status, int Entries, int Attachments, DateOnly DueDate, string? AssigneeId, string? AssigneeName,
    string? ResolutionNote, string? ResolvedById, DateTime? ResolvedAtUtc, string? VerifiedById, DateTime? VerifiedAtUtc)
{
    public static TaskSnapshot Of(RemediationTask task) => new(
        task.Status, task.Entries.Count, task.Attachments.Count, task.DueDate, task.AssigneeId, task.AssigneeName,
        task.ResolutionNote, task.ResolvedById, task.ResolvedAtUtc, task.VerifiedById, task.VerifiedAtUtc);
}

public sealed class RemediationTaskCreationTests
{
    [Fact]
    public void A_new_task_starts_New_with_one_Created_entry()
    {
        var task = new RemediationTask(
            SystemId, $"  {Title}  ", $"  {Description}  ", TaskSource.SelfAssessmentGap, SourceId, SourceItemId, "KT-MC.2",
            TaskSeverity.Critical, Due, "reviewer", Now, "Thẩm định");

        Assert.Equal(SystemId, task.SystemId);
        Assert.Equal(Title, task.Title);
        Assert.Equal(Description, task.Description);
        Assert.Equal(TaskSource.SelfAssessmentGap, task.Source);
        Assert.Equal(SourceId, task.SourceId);
        Assert.Equal(SourceItemId, task.SourceItemId);
        Assert.Equal("KT-MC.2", task.RequirementCode);
        Assert.Equal(TaskSeverity.Critical, task.Severity);
        Assert.Equal(Due, task.DueDate);
        Assert.Equal("reviewer", task.CreatedById);
        Assert.Equal(Now, task.CreatedAtUtc);
        Assert.Equal(RemediationStatus.New, task.Status);
        Assert.True(task.IsOpen);
        Assert.Empty(task.Attachments);
        Assert.Null(task.AssigneeId);
        Assert.Null(task.AssigneeName);
        Assert.Null(task.ResolutionNote);
        Assert.Null(task.ResolvedById);
        Assert.Null(task.VerifiedById);

        var created = Assert.Single(task.Entries);
        Assert.Equal(TaskAction.Created, created.Action);
        Assert.Equal(task.Id, created.TaskId);
        Assert.Equal("reviewer", created.UserId);
        Assert.Equal("Thẩm định", created.UserName);
        Assert.Equal(Now, created.AtUtc);
        Assert.Equal(Description, created.Text);
    }

    [Fact]
    public void A_task_created_without_a_name_or_description_is_created_by_the_system()
    {
        var task = new RemediationTask(
            SystemId, Title, "   ", TaskSource.Other, null, null, null, TaskSeverity.Low, Due, "reviewer", Now);

        Assert.Null(task.Description);
        var created = Assert.Single(task.Entries);
        Assert.Equal("Hệ thống", created.UserName);
        Assert.Equal("reviewer", created.UserId);
        Assert.Null(created.Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_title_is_refused(string title)
    {
        var error = Assert.Throws<DomainException>(() => new RemediationTask(
            SystemId, title, null, TaskSource.Other, null, null, null, TaskSeverity.High, Due, "reviewer", Now));
        Assert.Equal("Tên nhiệm vụ không được để trống.", error.Message);
    }

    [Fact]
    public void A_title_is_at_most_300_characters_after_trimming()
    {
        var longest = new string('T', RemediationTask.TitleMaxLength);
        var task = new RemediationTask(
            SystemId, $"  {longest}  ", null, TaskSource.Other, null, null, null, TaskSeverity.High, Due, "reviewer", Now);
        Assert.Equal(longest, task.Title);

        var error = Assert.Throws<DomainException>(() => new RemediationTask(
            SystemId, longest + "T", null, TaskSource.Other, null, null, null, TaskSeverity.High, Due, "reviewer", Now));
        Assert.Equal("Tên nhiệm vụ tối đa 300 ký tự.", error.Message);
    }

    [Fact]
    public void A_description_over_4000_characters_is_refused()
    {
        var description = new string('m', RemediationTask.TextMaxLength + 1);
        var error = Assert.Throws<DomainException>(() => new RemediationTask(
            SystemId, Title, description, TaskSource.Other, null, null, null, TaskSeverity.High, Due, "reviewer", Now));
        Assert.Equal("Mô tả tối đa 4000 ký tự.", error.Message);
    }

    [Theory]
    [InlineData((TaskSource)(-1))]
    [InlineData((TaskSource)42)]
    [InlineData((TaskSource)99)]
    public void An_undefined_source_is_refused(TaskSource source)
    {
        var error = Assert.Throws<DomainException>(() => new RemediationTask(
            SystemId, Title, null, source, null, null, null, TaskSeverity.High, Due, "reviewer", Now));
        Assert.Equal("Nguồn phát sinh không hợp lệ.", error.Message);
    }

    [Theory]
    [InlineData((TaskSeverity)(-1))]
    [InlineData((TaskSeverity)4)]
    [InlineData((TaskSeverity)42)]
    public void An_undefined_severity_is_refused(TaskSeverity severity)
    {
        var error = Assert.Throws<DomainException>(() => new RemediationTask(
            SystemId, Title, null, TaskSource.Other, null, null, null, severity, Due, "reviewer", Now));
        Assert.Equal("Mức độ không hợp lệ.", error.Message);
    }
}

/// <summary>Every action in every status: allowed ones take one step and add one entry, refused ones change nothing.</summary>
public sealed class RemediationTaskStateMachineTests
{
    public static TheoryData<RemediationStatus, TaskStep, bool> Cells() => new()
    {
        { RemediationStatus.New, TaskStep.Start, true },
        { RemediationStatus.New, TaskStep.Resolve, true },
        { RemediationStatus.New, TaskStep.Verify, false },
        { RemediationStatus.New, TaskStep.Reopen, false },
        { RemediationStatus.New, TaskStep.Cancel, true },
        { RemediationStatus.New, TaskStep.Comment, true },
        { RemediationStatus.New, TaskStep.Assign, true },
        { RemediationStatus.New, TaskStep.AddAttachment, true },
        { RemediationStatus.New, TaskStep.ChangeDueDate, true },

        { RemediationStatus.InProgress, TaskStep.Start, false },
        { RemediationStatus.InProgress, TaskStep.Resolve, true },
        { RemediationStatus.InProgress, TaskStep.Verify, false },
        { RemediationStatus.InProgress, TaskStep.Reopen, false },
        { RemediationStatus.InProgress, TaskStep.Cancel, true },
        { RemediationStatus.InProgress, TaskStep.Comment, true },
        { RemediationStatus.InProgress, TaskStep.Assign, true },
        { RemediationStatus.InProgress, TaskStep.AddAttachment, true },
        { RemediationStatus.InProgress, TaskStep.ChangeDueDate, true },

        { RemediationStatus.Resolved, TaskStep.Start, false },
        { RemediationStatus.Resolved, TaskStep.Resolve, false },
        { RemediationStatus.Resolved, TaskStep.Verify, true },
        { RemediationStatus.Resolved, TaskStep.Reopen, true },
        { RemediationStatus.Resolved, TaskStep.Cancel, true },
        { RemediationStatus.Resolved, TaskStep.Comment, true },
        { RemediationStatus.Resolved, TaskStep.Assign, true },
        { RemediationStatus.Resolved, TaskStep.AddAttachment, true },
        { RemediationStatus.Resolved, TaskStep.ChangeDueDate, true },

        { RemediationStatus.Verified, TaskStep.Start, false },
        { RemediationStatus.Verified, TaskStep.Resolve, false },
        { RemediationStatus.Verified, TaskStep.Verify, false },
        { RemediationStatus.Verified, TaskStep.Reopen, false },
        { RemediationStatus.Verified, TaskStep.Cancel, false },
        // A closed task takes no more comments: the page shows the comment form only while the task is open,
        // and every other change to a closed task is refused (Comment alone lacks EnsureOpen).
        { RemediationStatus.Verified, TaskStep.Comment, false },
        { RemediationStatus.Verified, TaskStep.Assign, false },
        { RemediationStatus.Verified, TaskStep.AddAttachment, false },
        { RemediationStatus.Verified, TaskStep.ChangeDueDate, false },

        { RemediationStatus.Reopened, TaskStep.Start, true },
        { RemediationStatus.Reopened, TaskStep.Resolve, true },
        { RemediationStatus.Reopened, TaskStep.Verify, false },
        { RemediationStatus.Reopened, TaskStep.Reopen, false },
        { RemediationStatus.Reopened, TaskStep.Cancel, true },
        { RemediationStatus.Reopened, TaskStep.Comment, true },
        { RemediationStatus.Reopened, TaskStep.Assign, true },
        { RemediationStatus.Reopened, TaskStep.AddAttachment, true },
        { RemediationStatus.Reopened, TaskStep.ChangeDueDate, true },

        { RemediationStatus.Cancelled, TaskStep.Start, false },
        { RemediationStatus.Cancelled, TaskStep.Resolve, false },
        { RemediationStatus.Cancelled, TaskStep.Verify, false },
        { RemediationStatus.Cancelled, TaskStep.Reopen, false },
        { RemediationStatus.Cancelled, TaskStep.Cancel, false },
        // See the Verified row: a cancelled task takes no more comments either.
        { RemediationStatus.Cancelled, TaskStep.Comment, false },
        { RemediationStatus.Cancelled, TaskStep.Assign, false },
        { RemediationStatus.Cancelled, TaskStep.AddAttachment, false },
        { RemediationStatus.Cancelled, TaskStep.ChangeDueDate, false },
    };

    [Theory]
    [MemberData(nameof(Cells))]
    public void Each_action_is_allowed_or_refused_in_each_status(RemediationStatus status, TaskStep step, bool allowed)
    {
        var task = Reach(status);
        Assert.Equal(status, task.Status);
        var actor = ProperActor(step);
        var before = TaskSnapshot.Of(task);

        if (allowed)
        {
            Do(task, step, actor);
            Assert.Equal(StatusAfter(step, status), task.Status);
            Assert.Equal(before.Entries + 1, task.Entries.Count);
            var entry = task.Entries[^1];
            Assert.Equal(EntryOf(step), entry.Action);
            Assert.Equal(task.Id, entry.TaskId);
            Assert.Equal(actor.UserId, entry.UserId);
            Assert.Equal(actor.Name, entry.UserName);
            Assert.Equal(Later, entry.AtUtc);
        }
        else
        {
            var error = Assert.Throws<DomainException>(() => Do(task, step, actor));
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
            Assert.Equal(before, TaskSnapshot.Of(task));
        }
    }

    [Theory]
    [InlineData(RemediationStatus.InProgress, "«Đang xử lý»")]
    [InlineData(RemediationStatus.Resolved, "«Đã xử lý»")]
    public void A_refused_start_names_the_current_status(RemediationStatus status, string shown)
    {
        var task = Reach(status);
        var error = Assert.Throws<DomainException>(() => task.Start(Officer, Later));
        Assert.Contains(shown, error.Message, StringComparison.Ordinal);
        Assert.Contains("không thể bắt đầu xử lý", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RemediationStatus.Verified, "Nhiệm vụ đã được xác minh: không thể giao nhiệm vụ.")]
    [InlineData(RemediationStatus.Cancelled, "Nhiệm vụ đã bị hủy: không thể giao nhiệm vụ.")]
    public void A_closed_task_says_why_it_cannot_change(RemediationStatus status, string message)
    {
        var task = Reach(status);
        Assert.False(task.IsOpen);
        var error = Assert.Throws<DomainException>(() => task.Assign(Reviewer2, "officer2", "Cán bộ thứ hai", Later));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Verifying_records_who_and_when_and_closes_the_task()
    {
        var task = Reach(RemediationStatus.Resolved);
        task.Verify(Reviewer2, "   ", Later);

        Assert.Equal(RemediationStatus.Verified, task.Status);
        Assert.False(task.IsOpen);
        Assert.Equal("reviewer2", task.VerifiedById);
        Assert.Equal(Later, task.VerifiedAtUtc);
        Assert.Null(task.Entries[^1].Text);
    }

    [Fact]
    public void A_verification_note_that_is_too_long_leaves_the_task_resolved()
    {
        // Verify must check the note before it changes anything, like Reopen and Cancel check their reasons.
        var task = Reach(RemediationStatus.Resolved);
        var before = TaskSnapshot.Of(task);

        var error = Assert.Throws<DomainException>(() => task.Verify(Reviewer2, new string('x', RemediationTask.TextMaxLength + 1), Later));

        Assert.Equal("Ghi chú tối đa 4000 ký tự.", error.Message);
        Assert.Equal(before, TaskSnapshot.Of(task));
        Assert.Equal(RemediationStatus.Resolved, task.Status);
        Assert.Null(task.VerifiedById);
        Assert.Null(task.VerifiedAtUtc);
    }

    [Fact]
    public void Reopening_clears_the_resolution_time_and_the_task_can_be_resolved_and_verified_again()
    {
        var task = Reach(RemediationStatus.Resolved);
        task.Reopen(Reviewer, "  Còn máy chủ APP02 chưa cập nhật.  ", Later);

        Assert.Equal(RemediationStatus.Reopened, task.Status);
        Assert.True(task.IsOpen);
        Assert.Null(task.ResolvedAtUtc);
        Assert.Equal("Còn máy chủ APP02 chưa cập nhật.", task.Entries[^1].Text);

        task.Start(Officer2, Later);
        task.Resolve(Officer2, "Đã cập nhật APP02.", Later);
        Assert.Equal("officer2", task.ResolvedById);
        Assert.Equal("Đã cập nhật APP02.", task.ResolutionNote);
        Assert.Equal(Later, task.ResolvedAtUtc);

        task.Verify(Reviewer, null, Later);
        Assert.Equal(RemediationStatus.Verified, task.Status);
        Assert.Equal("reviewer", task.VerifiedById);
    }

    [Fact]
    public void Cancelling_closes_the_task_with_the_reason()
    {
        var task = Reach(RemediationStatus.InProgress);
        task.Cancel(Reviewer2, "  Hệ thống đã ngừng sử dụng.  ", Later);

        Assert.Equal(RemediationStatus.Cancelled, task.Status);
        Assert.False(task.IsOpen);
        Assert.Equal(TaskAction.Cancelled, task.Entries[^1].Action);
        Assert.Equal("Hệ thống đã ngừng sử dụng.", task.Entries[^1].Text);
    }
}

public sealed class RemediationTaskRoleTests
{
    [Theory]
    [InlineData(TaskStep.Start)]
    [InlineData(TaskStep.Resolve)]
    [InlineData(TaskStep.Verify)]
    [InlineData(TaskStep.Reopen)]
    [InlineData(TaskStep.Cancel)]
    [InlineData(TaskStep.Comment)]
    [InlineData(TaskStep.Assign)]
    [InlineData(TaskStep.AddAttachment)]
    [InlineData(TaskStep.ChangeDueDate)]
    public void Someone_neither_reviewer_nor_agency_officer_can_do_nothing(TaskStep step)
    {
        var task = Reach(StatusAllowing(step));
        var before = TaskSnapshot.Of(task);

        var error = Assert.Throws<DomainException>(() => Do(task, step, Outsider));

        Assert.StartsWith("Chỉ cán bộ", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, TaskSnapshot.Of(task));
    }

    [Theory]
    [InlineData(TaskStep.Verify, "officer")]
    [InlineData(TaskStep.Verify, "officer2")]
    [InlineData(TaskStep.Reopen, "officer")]
    [InlineData(TaskStep.Reopen, "officer2")]
    [InlineData(TaskStep.Cancel, "officer2")]
    [InlineData(TaskStep.ChangeDueDate, "officer2")]
    public void An_agency_officer_cannot_verify_reopen_cancel_or_change_the_due_date(TaskStep step, string userId)
    {
        var task = Reach(StatusAllowing(step));
        var officer = userId == "officer" ? Officer : Officer2;
        var before = TaskSnapshot.Of(task);

        var error = Assert.Throws<DomainException>(() => Do(task, step, officer));

        Assert.StartsWith("Chỉ cán bộ thẩm định được", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, TaskSnapshot.Of(task));
    }

    [Theory]
    [InlineData(TaskStep.Start)]
    [InlineData(TaskStep.Resolve)]
    [InlineData(TaskStep.Comment)]
    [InlineData(TaskStep.Assign)]
    [InlineData(TaskStep.AddAttachment)]
    public void A_reviewer_may_also_take_the_agencys_steps(TaskStep step)
    {
        var task = Reach(StatusAllowing(step));
        var count = task.Entries.Count;

        Do(task, step, Reviewer2);

        Assert.Equal(count + 1, task.Entries.Count);
        Assert.Equal("reviewer2", task.Entries[^1].UserId);
    }

    [Theory]
    [InlineData(TaskStep.Verify, "xác minh")]
    [InlineData(TaskStep.Reopen, "mở lại")]
    public void The_reviewer_who_resolved_cannot_verify_or_reopen_but_a_second_reviewer_can(TaskStep step, string what)
    {
        var task = Reach(RemediationStatus.InProgress);
        task.Resolve(Reviewer, "Đã cập nhật bản vá từ xa.", Now);
        Assert.Equal("reviewer", task.ResolvedById);
        var before = TaskSnapshot.Of(task);

        var error = Assert.Throws<DomainException>(() => Do(task, step, Reviewer));

        Assert.Contains("không được tự", error.Message, StringComparison.Ordinal);
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, TaskSnapshot.Of(task));

        Do(task, step, Reviewer2);
        Assert.Equal(StatusAfter(step, RemediationStatus.Resolved), task.Status);
        Assert.Equal("reviewer2", task.Entries[^1].UserId);
    }
}

public sealed class RemediationTaskTextTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Resolving_needs_a_note(string? note)
    {
        var task = Reach(RemediationStatus.InProgress);
        var before = TaskSnapshot.Of(task);

        var error = Assert.Throws<DomainException>(() => task.Resolve(Officer, note, Later));

        Assert.Equal("Cần ghi kết quả xử lý (đã làm gì, khi nào).", error.Message);
        Assert.Equal(before, TaskSnapshot.Of(task));
    }

    [Fact]
    public void Resolving_needs_at_least_one_attachment()
    {
        var task = NewTask();
        task.Start(Officer, Now);
        var before = TaskSnapshot.Of(task);

        var error = Assert.Throws<DomainException>(() => task.Resolve(Officer, "Đã cập nhật bản vá.", Later));

        Assert.Contains("minh chứng", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, TaskSnapshot.Of(task));

        Attach(task, Officer);
        task.Resolve(Officer, "  Đã cập nhật bản vá.  ", Later);
        Assert.Equal(RemediationStatus.Resolved, task.Status);
        Assert.Equal("Đã cập nhật bản vá.", task.ResolutionNote);
        Assert.Equal("officer", task.ResolvedById);
        Assert.Equal(Later, task.ResolvedAtUtc);
        Assert.Equal("Đã cập nhật bản vá.", task.Entries[^1].Text);
    }

    [Fact]
    public void A_resolution_note_over_4000_characters_is_refused()
    {
        var task = Reach(RemediationStatus.InProgress);
        var error = Assert.Throws<DomainException>(() => task.Resolve(Officer, new string('n', RemediationTask.TextMaxLength + 1), Later));
        Assert.Equal("Kết quả xử lý tối đa 4000 ký tự.", error.Message);
        Assert.Equal(RemediationStatus.InProgress, task.Status);
    }

    [Theory]
    [InlineData(TaskStep.Reopen, null, "Cần nêu lý do mở lại.")]
    [InlineData(TaskStep.Reopen, "   ", "Cần nêu lý do mở lại.")]
    [InlineData(TaskStep.Cancel, null, "Cần nêu lý do hủy.")]
    [InlineData(TaskStep.Cancel, "   ", "Cần nêu lý do hủy.")]
    [InlineData(TaskStep.ChangeDueDate, null, "Cần nêu lý do đổi hạn.")]
    [InlineData(TaskStep.ChangeDueDate, "   ", "Cần nêu lý do đổi hạn.")]
    public void Reopening_cancelling_and_changing_the_due_date_need_a_reason(TaskStep step, string? reason, string message)
    {
        var task = Reach(RemediationStatus.Resolved);
        var before = TaskSnapshot.Of(task);
        Action act = step switch
        {
            TaskStep.Reopen => () => task.Reopen(Reviewer2, reason, Later),
            TaskStep.Cancel => () => task.Cancel(Reviewer2, reason, Later),
            _ => () => task.ChangeDueDate(Reviewer2, Today.AddDays(10), reason, Today, Later),
        };

        var error = Assert.Throws<DomainException>(act);

        Assert.Equal(message, error.Message);
        Assert.Equal(before, TaskSnapshot.Of(task));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void A_comment_needs_text(string? text)
    {
        var task = Reach(RemediationStatus.InProgress);
        var count = task.Entries.Count;
        var error = Assert.Throws<DomainException>(() => task.Comment(Officer, text, Later));
        Assert.Equal("Ý kiến không được để trống.", error.Message);
        Assert.Equal(count, task.Entries.Count);
    }

    [Fact]
    public void A_comment_over_4000_characters_is_refused()
    {
        var task = Reach(RemediationStatus.InProgress);
        var count = task.Entries.Count;
        var error = Assert.Throws<DomainException>(() => task.Comment(Officer, new string('c', RemediationTask.TextMaxLength + 1), Later));
        Assert.Equal("Ý kiến tối đa 4000 ký tự.", error.Message);
        Assert.Equal(count, task.Entries.Count);
    }
}

public sealed class RemediationTaskDueDateTests
{
    [Theory]
    [InlineData(TaskSeverity.Critical, 7, "2026-12-08")]
    [InlineData(TaskSeverity.High, 30, "2026-12-31")]
    [InlineData(TaskSeverity.Medium, 90, "2027-03-01")]
    [InlineData(TaskSeverity.Low, 180, "2027-05-30")]
    public void The_default_due_date_is_the_severitys_days_from_today(TaskSeverity severity, int days, string expected)
    {
        var due = RemediationTask.DefaultDueDate(severity, Today, DueDays);
        Assert.Equal(DateOnly.Parse(expected, CultureInfo.InvariantCulture), due);
        Assert.Equal(Today.AddDays(days), due);
    }

    [Fact]
    public void The_default_follows_the_configured_table_and_is_90_days_for_a_severity_it_lacks()
    {
        var days = new Dictionary<TaskSeverity, int> { [TaskSeverity.Critical] = 3 };
        Assert.Equal(new DateOnly(2026, 12, 4), RemediationTask.DefaultDueDate(TaskSeverity.Critical, Today, days));
        Assert.Equal(new DateOnly(2027, 3, 1), RemediationTask.DefaultDueDate(TaskSeverity.Low, Today, days));
    }

    [Theory]
    [InlineData(TaskSeverity.Critical)]
    [InlineData(TaskSeverity.High)]
    [InlineData(TaskSeverity.Medium)]
    [InlineData(TaskSeverity.Low)]
    public void A_creation_due_date_from_today_up_to_the_default_is_accepted(TaskSeverity severity)
    {
        var latest = Today.AddDays(DueDays[severity]);
        Assert.Null(Record.Exception(() => RemediationTask.CheckDueDate(Today, severity, Today, DueDays)));
        Assert.Null(Record.Exception(() => RemediationTask.CheckDueDate(latest.AddDays(-1), severity, Today, DueDays)));
        Assert.Null(Record.Exception(() => RemediationTask.CheckDueDate(latest, severity, Today, DueDays)));
    }

    [Theory]
    [InlineData(TaskSeverity.Critical, "Nghiêm trọng", "08/12/2026")]
    [InlineData(TaskSeverity.High, "Cao", "31/12/2026")]
    [InlineData(TaskSeverity.Medium, "Trung bình", "01/03/2027")]
    [InlineData(TaskSeverity.Low, "Thấp", "30/05/2027")]
    public void A_creation_due_date_after_the_default_is_refused(TaskSeverity severity, string name, string latest)
    {
        var tooLate = RemediationTask.DefaultDueDate(severity, Today, DueDays).AddDays(1);
        var error = Assert.Throws<DomainException>(() => RemediationTask.CheckDueDate(tooLate, severity, Today, DueDays));
        Assert.Equal($"Với mức độ «{name}», hạn xử lý muộn nhất là {latest}; chỉ được rút ngắn.", error.Message);
    }

    [Theory]
    [InlineData(TaskSeverity.Critical, 1)]
    [InlineData(TaskSeverity.Low, 1)]
    [InlineData(TaskSeverity.Low, 365)]
    public void A_creation_due_date_in_the_past_is_refused(TaskSeverity severity, int daysAgo)
    {
        var error = Assert.Throws<DomainException>(() => RemediationTask.CheckDueDate(Today.AddDays(-daysAgo), severity, Today, DueDays));
        Assert.Equal("Hạn xử lý không được trước ngày hôm nay.", error.Message);
    }

    [Fact]
    public void A_reviewer_changes_the_due_date_with_the_old_and_new_dates_and_the_reason_in_the_thread()
    {
        var task = Reach(RemediationStatus.InProgress);
        var later = new DateOnly(2027, 1, 15);

        // Later than the severity's default: only the creator is bound by it, a reviewer may extend.
        task.ChangeDueDate(Reviewer, later, "  Chờ nhà cung cấp phát hành bản vá.  ", Today, Later);

        Assert.Equal(later, task.DueDate);
        var entry = task.Entries[^1];
        Assert.Equal(TaskAction.DueDateChanged, entry.Action);
        Assert.Equal("reviewer", entry.UserId);
        var expected = string.Create(
            CultureInfo.InvariantCulture, $"{Due:dd/MM/yyyy} → {later:dd/MM/yyyy}: Chờ nhà cung cấp phát hành bản vá.");
        Assert.Equal(expected, entry.Text);
        Assert.Equal("31/12/2026 → 15/01/2027: Chờ nhà cung cấp phát hành bản vá.", entry.Text);
    }

    [Fact]
    public void The_due_date_may_be_moved_to_today_but_not_before()
    {
        var task = Reach(RemediationStatus.New);
        var before = TaskSnapshot.Of(task);

        var error = Assert.Throws<DomainException>(() => task.ChangeDueDate(Reviewer, Today.AddDays(-1), "Rút ngắn hạn.", Today, Later));
        Assert.Equal("Hạn xử lý không được trước ngày hôm nay.", error.Message);
        Assert.Equal(before, TaskSnapshot.Of(task));

        task.ChangeDueDate(Reviewer, Today, "Rút ngắn hạn.", Today, Later);
        Assert.Equal(Today, task.DueDate);
        Assert.Equal("31/12/2026 → 01/12/2026: Rút ngắn hạn.", task.Entries[^1].Text);
    }

    [Theory]
    [InlineData(RemediationStatus.New, true, true)]
    [InlineData(RemediationStatus.InProgress, true, true)]
    [InlineData(RemediationStatus.Reopened, true, true)]
    [InlineData(RemediationStatus.Resolved, false, true)]
    [InlineData(RemediationStatus.Verified, false, false)]
    [InlineData(RemediationStatus.Cancelled, false, false)]
    public void A_task_is_overdue_only_after_its_due_date_while_work_remains(RemediationStatus status, bool overdueAfter, bool open)
    {
        var task = Reach(status);
        Assert.Equal(open, task.IsOpen);
        Assert.False(task.IsOverdue(Today));
        Assert.False(task.IsOverdue(Due.AddDays(-1)));
        Assert.False(task.IsOverdue(Due));
        Assert.Equal(overdueAfter, task.IsOverdue(Due.AddDays(1)));
        Assert.Equal(overdueAfter, task.IsOverdue(Due.AddDays(400)));
    }

    [Fact]
    public void A_new_due_date_ends_the_overdue_state()
    {
        var task = Reach(RemediationStatus.InProgress);
        var dayAfter = Due.AddDays(1);
        Assert.True(task.IsOverdue(dayAfter));

        task.ChangeDueDate(Reviewer, dayAfter.AddDays(14), "Gia hạn do chờ thiết bị.", dayAfter, Later);

        Assert.False(task.IsOverdue(dayAfter));
        Assert.True(task.IsOverdue(dayAfter.AddDays(15)));
    }
}

public sealed class RemediationTaskThreadTests
{
    [Fact]
    public void Each_step_adds_one_entry_with_its_action_and_actor()
    {
        var task = NewTask();
        task.Assign(Reviewer, "officer", "Cán bộ đơn vị", Now.AddMinutes(1));
        task.Start(Officer, Now.AddMinutes(2));
        task.Comment(Officer, "  Đang chờ lịch bảo trì.  ", Now.AddMinutes(3));
        task.AddAttachment(Officer, @"C:\scan\bien-ban.pdf", "application/pdf", 2048, Hash, Now.AddMinutes(4));
        task.Resolve(Officer, "Đã cập nhật bản vá.", Now.AddMinutes(5));
        task.Reopen(Reviewer, "Còn APP02 chưa cập nhật.", Now.AddMinutes(6));
        task.Resolve(Officer2, "Đã cập nhật APP02.", Now.AddMinutes(7));
        task.Verify(Reviewer, null, Now.AddMinutes(8));

        (TaskAction, string, string, string?)[] expected =
        [
            (TaskAction.Created, "reviewer", "Thẩm định", Description),
            (TaskAction.Reassigned, "reviewer", "Thẩm định", "Giao cho Cán bộ đơn vị"),
            (TaskAction.Started, "officer", "Cán bộ đơn vị", null),
            (TaskAction.Commented, "officer", "Cán bộ đơn vị", "Đang chờ lịch bảo trì."),
            (TaskAction.EvidenceAdded, "officer", "Cán bộ đơn vị", "bien-ban.pdf"),
            (TaskAction.Resolved, "officer", "Cán bộ đơn vị", "Đã cập nhật bản vá."),
            (TaskAction.Reopened, "reviewer", "Thẩm định", "Còn APP02 chưa cập nhật."),
            (TaskAction.Resolved, "officer2", "Cán bộ thứ hai", "Đã cập nhật APP02."),
            (TaskAction.Verified, "reviewer", "Thẩm định", null),
        ];
        Assert.Equal(expected, task.Entries.Select(e => (e.Action, e.UserId, e.UserName, e.Text)));
        Assert.All(task.Entries, e => Assert.Equal(task.Id, e.TaskId));
        Assert.Equal(Enumerable.Range(0, 9).Select(m => Now.AddMinutes(m)), task.Entries.Select(e => e.AtUtc));
        Assert.Equal(task.Entries.Count, task.Entries.Select(e => e.Id).Distinct().Count());
        Assert.Equal(RemediationStatus.Verified, task.Status);
        Assert.Equal("officer2", task.ResolvedById);
        Assert.Equal("reviewer", task.VerifiedById);
    }

    [Theory]
    [InlineData(@"C:\Users\an\Desktop\bien-ban.pdf", "bien-ban.pdf")]
    [InlineData("/home/an/nhat-ky-cap-nhat.log", "nhat-ky-cap-nhat.log")]
    [InlineData(@"..\..\anh chup man hinh.png", "anh chup man hinh.png")]
    [InlineData("bao-cao.docx", "bao-cao.docx")]
    [InlineData("", "minh-chung")]
    [InlineData("  ", "minh-chung")]
    [InlineData("..", "minh-chung")]
    public void An_attachment_keeps_only_the_bare_file_name(string uploaded, string kept)
    {
        var task = Reach(RemediationStatus.InProgress);
        task.AddAttachment(Officer2, uploaded, "application/octet-stream", 4096, Hash, Later);

        var attachment = task.Attachments[^1];
        Assert.Equal(kept, attachment.File.FileName);
        Assert.Equal(task.Id, attachment.TaskId);
        Assert.Equal("officer2", attachment.File.UploadedById);
        Assert.Equal(Later, attachment.File.UploadedAtUtc);
        Assert.Equal(4096L, attachment.File.Length);
        Assert.Equal(Hash, attachment.File.Sha256);
        Assert.Equal("application/octet-stream", attachment.File.ContentType);
        var entry = task.Entries[^1];
        Assert.Equal(TaskAction.EvidenceAdded, entry.Action);
        Assert.Equal(kept, entry.Text);
        Assert.Equal("officer2", entry.UserId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Assigning_nobody_clears_the_assignee(string? assigneeId)
    {
        var task = Reach(RemediationStatus.InProgress);
        task.Assign(Officer, "officer2", "Cán bộ thứ hai", Now);
        Assert.Equal("officer2", task.AssigneeId);
        Assert.Equal("Cán bộ thứ hai", task.AssigneeName);
        Assert.Equal("Giao cho Cán bộ thứ hai", task.Entries[^1].Text);
        var count = task.Entries.Count;

        task.Assign(Officer, assigneeId, "Cán bộ thứ hai", Later);

        Assert.Null(task.AssigneeId);
        Assert.Null(task.AssigneeName);
        Assert.Equal(count + 1, task.Entries.Count);
        Assert.Equal(TaskAction.Reassigned, task.Entries[^1].Action);
        Assert.Equal("Bỏ giao việc", task.Entries[^1].Text);
    }

    [Fact]
    public void Assigning_someone_whose_name_is_unknown_is_not_recorded_as_an_unassignment()
    {
        var task = Reach(RemediationStatus.InProgress);

        task.Assign(Reviewer, "officer2", null, Later);

        Assert.Equal("officer2", task.AssigneeId);
        Assert.Equal(TaskAction.Reassigned, task.Entries[^1].Action);
        Assert.NotEqual("Bỏ giao việc", task.Entries[^1].Text);
    }
}

public sealed class RemediationTextTests
{
    [Theory]
    [InlineData(RemediationStatus.New, "Mới")]
    [InlineData(RemediationStatus.InProgress, "Đang xử lý")]
    [InlineData(RemediationStatus.Resolved, "Đã xử lý")]
    [InlineData(RemediationStatus.Verified, "Đã xác minh")]
    [InlineData(RemediationStatus.Reopened, "Mở lại")]
    [InlineData(RemediationStatus.Cancelled, "Hủy")]
    public void Each_status_has_its_Vietnamese_name(RemediationStatus status, string name) =>
        Assert.Equal(name, status.Vietnamese());

    [Fact]
    public void Every_status_has_a_distinct_Vietnamese_name() =>
        AssertDistinctNames<RemediationStatus>(s => s.Vietnamese());

    [Fact]
    public void Every_severity_has_a_distinct_Vietnamese_name() =>
        AssertDistinctNames<TaskSeverity>(s => s.Vietnamese());

    [Fact]
    public void Every_source_has_a_distinct_Vietnamese_name() =>
        AssertDistinctNames<TaskSource>(s => s.Vietnamese());

    [Fact]
    public void Every_thread_action_has_a_distinct_Vietnamese_name() =>
        AssertDistinctNames<TaskAction>(a => a.Vietnamese());

    private static void AssertDistinctNames<T>(Func<T, string> name)
        where T : struct, Enum
    {
        var values = Enum.GetValues<T>();
        var names = values.Select(name).ToList();
        Assert.All(names, n => Assert.False(string.IsNullOrWhiteSpace(n)));
        Assert.Equal(values.Length, names.Distinct(StringComparer.Ordinal).Count());
    }
}

public sealed class RemediationTaskContactTests
{
    [Fact]
    public void A_new_task_goes_to_the_technical_contact_with_a_thread_entry_under_its_creator()
    {
        var task = NewTask();

        task.AssignToContact("contact", "Nguyễn Văn Kỹ Thuật");

        Assert.Equal("contact", task.AssigneeId);
        Assert.Equal("Nguyễn Văn Kỹ Thuật", task.AssigneeName);
        Assert.Equal(RemediationStatus.New, task.Status);
        var entry = task.Entries[^1];
        Assert.Equal(TaskAction.Reassigned, entry.Action);
        Assert.Equal("reviewer", entry.UserId);
        Assert.Equal(Now, entry.AtUtc);
        Assert.Contains("người phụ trách kỹ thuật", entry.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_a_new_unassigned_task_goes_to_the_contact()
    {
        var assigned = NewTask();
        assigned.Assign(Officer, "officer2", "Cán bộ thứ hai", Later);
        Assert.Throws<DomainException>(() => assigned.AssignToContact("contact", "Kỹ thuật"));
        Assert.Equal("officer2", assigned.AssigneeId);

        var started = NewTask();
        started.Start(Officer, Later);
        Assert.Throws<DomainException>(() => started.AssignToContact("contact", "Kỹ thuật"));
        Assert.Null(started.AssigneeId);
    }
}
