using System.Globalization;
using System.Text;
using SecurityPortal.Domain.Assessments;
using SecurityPortal.Domain.Catalog;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Systems;
using static SecurityPortal.Domain.Tests.AssessmentScenario;

namespace SecurityPortal.Domain.Tests;

// A nine-requirement catalog in three groups, built through CatalogDocument as an imported file would be:
//
//   group  requirement                                      levels
//   QL     QL.1  Chính sách an toàn thông tin               1–5
//   QL     QL.2  Phân công cán bộ phụ trách                 1–2
//   QL     QL.3  Đánh giá rủi ro định kỳ                    3–5
//   KT-M   M.1   Thiết kế vùng mạng                         1–5
//   KT-M   M.2   Kiểm soát truy cập từ bên ngoài            2–5
//   KT-M   M.3   Phòng chống xâm nhập                       4–5
//   KT-MC  MC.1  Xác thực đăng nhập                         1–5
//   KT-MC  MC.2  Cập nhật bản vá cơ bản                     1–2
//   KT-MC  MC.3  Nhật ký hệ thống tập trung                 3–5
//
// Answers are written as one character per item in catalog order: M met, P partly met, N not met,
// X not applicable, - unanswered. The assessment is created by "officer" and submitted by "officer2".
internal static class AssessmentScenario
{
    public const string Hash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    public const string Creator = "officer";
    public const string Submitter = "officer2";
    public const string Reviewer = "reviewer";
    public const string Reviewer2 = "reviewer2";
    public const string Head = "Nguyễn Văn An, Giám đốc Sở";
    public const string Person = "Trần Thị Bình";

    /// <summary>Level 2: QL.1 met, QL.2 partly, M.1 not met, M.2 not applicable, MC.1 met, MC.2 partly.</summary>
    public const string Mixed = "MPNXMP";

    public const string Level1 = "QL.1,QL.2,M.1,MC.1,MC.2";
    public const string Level2 = "QL.1,QL.2,M.1,M.2,MC.1,MC.2";
    public const string Level3 = "QL.1,QL.3,M.1,M.2,MC.1,MC.3";
    public const string Level4 = "QL.1,QL.3,M.1,M.2,M.3,MC.1,MC.3";

    public static readonly DateOnly Today = new(2026, 12, 1);
    public static readonly DateTime Now = new(2026, 12, 1, 2, 30, 0, DateTimeKind.Utc);
    public static readonly DateOnly Planned = new(2027, 6, 30);

    public static readonly string[] GroupCodes = ["QL", "KT-M", "KT-MC"];
    public static readonly string[] AllCodes = ["QL.1", "QL.2", "QL.3", "M.1", "M.2", "M.3", "MC.1", "MC.2", "MC.3"];
    public static readonly int[] OneToFive = [1, 2, 3, 4, 5];
    public static readonly int[] ThreeToFive = [3, 4, 5];
    public static readonly int[] OneAndThree = [1, 3];

    public static readonly (int Level, string Text, string Reference)[] LevelsThreeToFive =
        [(3, "Áp dụng ở cấp độ 3", "Phụ lục III"), (4, "Áp dụng ở cấp độ 4", "Phụ lục IV"), (5, "Áp dụng ở cấp độ 5", "Phụ lục V")];

    public static CatalogDocument Document() => new()
    {
        Code = "TT12-TEST",
        Title = "Danh mục thử nghiệm theo Thông tư 12/2022",
        LegalBasis = "Thông tư 12/2022/TT-BTTTT; TCVN 11930:2017",
        EffectiveDate = "2022-10-01",
        Groups =
        [
            new() { Code = "QL", Kind = RequirementKind.Management, Title = "Yêu cầu quản lý" },
            new() { Code = "KT-M", Kind = RequirementKind.Technical, Title = "Bảo đảm an toàn mạng", TitleEn = "Network security" },
            new() { Code = "KT-MC", Kind = RequirementKind.Technical, Title = "Bảo đảm an toàn máy chủ", TitleEn = "Server security" },
        ],
        Requirements =
        [
            Requirement("QL.1", "QL", "Chính sách an toàn thông tin", 1, 5),
            Requirement("QL.2", "QL", "Phân công cán bộ phụ trách", 1, 2),
            Requirement("QL.3", "QL", "Đánh giá rủi ro định kỳ", 3, 5),
            Requirement("M.1", "KT-M", "Thiết kế vùng mạng", 1, 5),
            Requirement("M.2", "KT-M", "Kiểm soát truy cập từ bên ngoài", 2, 5),
            Requirement("M.3", "KT-M", "Phòng chống xâm nhập", 4, 5),
            Requirement("MC.1", "KT-MC", "Xác thực đăng nhập", 1, 5),
            Requirement("MC.2", "KT-MC", "Cập nhật bản vá cơ bản", 1, 2),
            Requirement("MC.3", "KT-MC", "Nhật ký hệ thống tập trung", 3, 5),
        ],
    };

    public static string LevelText(string code, int level) => string.Create(CultureInfo.InvariantCulture, $"{code} ở cấp độ {level}");

    /// <summary>A new published version of the test catalog (each call has new ids).</summary>
    public static CatalogVersion Published()
    {
        var version = Document().ToVersion(Hash);
        version.Publish();
        return version;
    }

    public static InformationSystem NewSystem() => new("HTTT-DVC", "Cổng dịch vụ công của tỉnh", Guid.NewGuid(), Guid.NewGuid());

    public static Assessment Start(int level) => Start(Published(), level);

    public static Assessment Start(CatalogVersion catalog, int level, bool levelIsApproved = true) =>
        Assessment.Start(NewSystem(), catalog, 2026, level, levelIsApproved, Creator, Now);

    /// <summary>A level 2 assessment answered with the pattern and walked to the state (returned: QL.1 flagged).</summary>
    public static Assessment Reach(AssessmentState state, string pattern = Mixed, CatalogVersion? catalog = null)
    {
        var assessment = Start(catalog ?? Published(), 2);
        AnswerAll(assessment, pattern);
        if (state == AssessmentState.Draft)
        {
            return assessment;
        }

        assessment.Submit(Submitter, Head, Now);
        if (state == AssessmentState.Submitted)
        {
            return assessment;
        }

        assessment.StartReview(Reviewer);
        if (state == AssessmentState.UnderReview)
        {
            return assessment;
        }

        if (state == AssessmentState.Returned)
        {
            assessment.ReviewItem(Reviewer, ItemOf(assessment, "QL.1").Id, ItemReview.NeedsChange, "Bổ sung quyết định ban hành chính sách.");
            assessment.Return(Reviewer, "Xem nhận xét ở từng yêu cầu.");
            return assessment;
        }

        _ = assessment.Accept(Reviewer, Now);
        return assessment;
    }

    public static Answer AnswerFor(char code) => code switch
    {
        'M' => Answer.Met,
        'P' => Answer.PartiallyMet,
        'N' => Answer.NotMet,
        'X' => Answer.NotApplicable,
        _ => Answer.Unanswered,
    };

    public static void AnswerAll(Assessment assessment, string pattern)
    {
        var items = assessment.Items.OrderBy(i => i.Order).ToList();
        if (items.Count != pattern.Length)
        {
            throw new ArgumentException("The pattern needs one answer per item.", nameof(pattern));
        }

        for (var i = 0; i < items.Count; i++)
        {
            var answer = AnswerFor(pattern[i]);
            if (answer != Answer.Unanswered)
            {
                Respond(assessment, items[i], answer);
            }
        }
    }

    /// <summary>A valid answer of the given kind, saved by the creator today.</summary>
    public static AssessmentItem Respond(Assessment assessment, AssessmentItem item, Answer answer) => answer switch
    {
        Answer.NotApplicable => assessment.AnswerItem(item.Id, answer, "Hệ thống không có thành phần này.", null, null, null, Today, Creator, Now),
        Answer.NotMet or Answer.PartiallyMet => assessment.AnswerItem(item.Id, answer, null, "Đang triển khai theo kế hoạch.", Planned, Person, Today, Creator, Now),
        _ => assessment.AnswerItem(item.Id, answer, null, "Quy chế số 15/QĐ-STTTT.", null, null, Today, Creator, Now),
    };

    public static AssessmentItem ItemOf(Assessment assessment, string code) => assessment.Items.Single(i => i.RequirementCode == code);

    public static AssessmentEvidence Attach(Assessment assessment, AssessmentItem item, string fileName) =>
        assessment.AddEvidence(item.Id, fileName, "application/pdf", 2048, Hash, Creator, Now);

    public static string Codes(IEnumerable<AssessmentItem> items) => string.Join(',', items.Select(i => i.RequirementCode));

    public static string Codes(IEnumerable<CatalogRequirement> requirements) => string.Join(',', requirements.Select(r => r.Code));

    private static CatalogDocument.RequirementEntry Requirement(string code, string group, string title, int from, int to) => new()
    {
        Code = code,
        Group = group,
        Kind = group == "QL" ? RequirementKind.Management : RequirementKind.Technical,
        Title = title,
        Text = $"Nội dung yêu cầu {code}: {title}.",
        Guidance = "  ",
        Evidence = "Quy chế, biên bản kiểm tra",
        Levels = Enumerable.Range(from, to - from + 1).ToDictionary(
            level => level.ToString(CultureInfo.InvariantCulture),
            level => new CatalogDocument.LevelEntry
            {
                Text = LevelText(code, level),
                Reference = string.Create(CultureInfo.InvariantCulture, $"Phụ lục {level}, mục {code}"),
            }),
    };
}

/// <summary>The catalog file: validation in Vietnamese, loading, export and hashing.</summary>
public sealed class CatalogDocumentTests
{
    // One requirement whose levels are listed out of order; the tests below replace parts of it.
    private const string OneRequirement = """
        {
          "code": "TCVN-TEST",
          "title": "Danh mục thử",
          "legalBasis": "TCVN 14423:2026",
          "effectiveDate": "2026-07-01",
          "groups": [ { "code": "QL", "kind": "Management", "title": "Quản lý" } ],
          "requirements": [
            {
              "code": "QL.1",
              "group": "QL",
              "kind": "Technical",
              "title": "Chính sách",
              "text": "Có chính sách an toàn thông tin",
              "levels": { "3": { "text": "Cấp 3", "reference": "Mục 5.1" }, "1": { "text": "Cấp 1", "reference": "Mục 3.1" } }
            }
          ]
        }
        """;

    [Fact]
    public void The_test_catalog_is_valid_and_loads_as_a_draft_in_file_order()
    {
        var document = Document();
        Assert.Empty(document.Validate());

        var version = document.ToVersion(Hash);

        Assert.Equal(CatalogStatus.Draft, version.Status);
        Assert.Equal("TT12-TEST", version.Code);
        Assert.Equal(new DateOnly(2022, 10, 1), version.EffectiveDate);
        Assert.Equal(Hash, version.ContentHash);
        Assert.Equal(GroupCodes, version.Groups.Select(g => g.Code));
        Assert.Equal(AllCodes, version.Requirements.Select(r => r.Code));
        Assert.Equal(Enumerable.Range(1, 9), version.Requirements.Select(r => r.Order));
        Assert.All(version.Requirements, r => Assert.Equal(version.Id, r.VersionId));
        Assert.Equal(OneToFive, version.Requirements[0].Levels.Select(l => l.Level));
        Assert.Equal(ThreeToFive, version.Requirements[2].Levels.Select(l => l.Level));
        Assert.Equal("QL.1 ở cấp độ 4", version.Requirements[0].ForLevel(4)!.Text);
        Assert.Equal(RequirementKind.Technical, version.Requirements[3].Kind);
        Assert.Equal("Network security", version.Groups[1].TitleEn);
    }

    [Fact]
    public void Loading_trims_codes_and_texts_and_drops_blank_notes()
    {
        var document = Document() with { Code = "  TT12-TEST ", Title = " Danh mục thử  " };
        document.Requirements[0] = document.Requirements[0] with
        {
            Code = " QL.1 ",
            Group = " QL",
            Title = "  Chính sách an toàn thông tin ",
            Evidence = "  Quy chế  ",
            Guidance = "\t",
        };
        Assert.Empty(document.Validate());

        var version = document.ToVersion(Hash);

        Assert.Equal("TT12-TEST", version.Code);
        Assert.Equal("Danh mục thử", version.Title);
        var first = version.Requirements[0];
        Assert.Equal("QL.1", first.Code);
        Assert.Equal("QL", first.GroupCode);
        Assert.Equal("Chính sách an toàn thông tin", first.Title);
        Assert.Equal("Quy chế", first.Evidence);
        Assert.Null(first.Guidance);
    }

    [Theory]
    [InlineData("duplicate requirement code", "Mã yêu cầu «QL.1» bị trùng (2 lần).")]
    [InlineData("duplicate group code", "Mã nhóm «QL» bị trùng.")]
    [InlineData("unknown group", "Yêu cầu «M.1»: nhóm «KT-XX» không có trong danh sách nhóm.")]
    [InlineData("level 6", "Yêu cầu «QL.1»: cấp độ «6» không hợp lệ (chỉ từ 1 đến 5).")]
    [InlineData("level 0", "Yêu cầu «QL.1»: cấp độ «0» không hợp lệ")]
    [InlineData("level x", "Yêu cầu «QL.1»: cấp độ «x» không hợp lệ")]
    [InlineData("no levels", "Yêu cầu «QL.2»: không áp dụng cho cấp độ nào.")]
    [InlineData("empty title", "Yêu cầu «M.2»: tên không được để trống")]
    [InlineData("empty text", "Yêu cầu «M.2»: nội dung không được để trống")]
    [InlineData("empty level text", "Yêu cầu «QL.1», cấp độ 1: nội dung không được để trống.")]
    [InlineData("empty level reference", "Yêu cầu «QL.1», cấp độ 1: thiếu căn cứ")]
    [InlineData("date 2022-13-01", "Ngày hiệu lực «2022-13-01» phải có dạng yyyy-MM-dd.")]
    [InlineData("date 01/10/2022", "Ngày hiệu lực «01/10/2022» phải có dạng yyyy-MM-dd.")]
    [InlineData("no requirements", "Danh mục phải có từ 1 đến 5000 yêu cầu.")]
    [InlineData("no catalog code", "Mã danh mục không được để trống")]
    [InlineData("group without title", "Nhóm «KT-M» không có tên.")]
    [InlineData("requirement without code", "Yêu cầu thứ 2: thiếu mã")]
    public void Each_problem_of_a_catalog_file_is_explained_once_in_Vietnamese_and_blocks_loading(string problem, string expected)
    {
        var document = Broken(problem);

        var error = Assert.Single(document.Validate());
        Assert.Contains(expected, error, StringComparison.Ordinal);

        var refused = Assert.Throws<DomainException>(() => document.ToVersion(Hash));
        Assert.Equal($"Danh mục có 1 lỗi: {error}", refused.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{ \"code\": ")]
    [InlineData("danh mục")]
    [InlineData("{ \"code\": 5 }")]
    [InlineData("{ \"groups\": [ { \"code\": \"QL\", \"kind\": \"Physical\" } ] }")]
    public void A_file_that_is_not_a_catalog_in_JSON_is_refused(string text)
    {
        var error = Assert.Throws<DomainException>(() => CatalogDocument.Parse(Encoding.UTF8.GetBytes(text)));
        Assert.StartsWith("Tệp danh mục không đúng định dạng JSON (dòng ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_JSON_error_names_its_line_counted_from_one()
    {
        var json = Encoding.UTF8.GetBytes("{\n  \"title\": \"Danh mục\",\n  \"code\": 5\n}");
        var error = Assert.Throws<DomainException>(() => CatalogDocument.Parse(json));
        Assert.Contains("JSON (dòng 3,", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_holding_only_null_is_an_empty_catalog() =>
        Assert.Equal("Tệp danh mục rỗng.", Assert.Throws<DomainException>(() => CatalogDocument.Parse("null"u8.ToArray())).Message);

    [Fact]
    public void A_hand_written_file_in_camel_case_is_read_and_its_levels_sorted()
    {
        var json = Encoding.UTF8.GetBytes(OneRequirement);
        var document = CatalogDocument.Parse(json);
        Assert.Empty(document.Validate());
        Assert.Equal("TCVN 14423:2026", document.LegalBasis);

        var version = document.ToVersion(CatalogDocument.HashOf(json));

        var requirement = Assert.Single(version.Requirements);
        Assert.Equal(RequirementKind.Technical, requirement.Kind);
        Assert.Equal(RequirementKind.Management, Assert.Single(version.Groups).Kind);
        Assert.Equal(OneAndThree, requirement.Levels.Select(l => l.Level));
        Assert.Equal("Mục 5.1", requirement.ForLevel(3)!.Reference);
        Assert.Null(requirement.ForLevel(2));
        Assert.Equal(new DateOnly(2026, 7, 1), version.EffectiveDate);
        Assert.Equal(CatalogDocument.HashOf(json), version.ContentHash);
    }

    // A file is typed by people: a null, a number for a kind or the same level written twice must be reported,
    // never crash the import (NullReferenceException) nor load a catalog that cannot be right.
    [Theory]
    [InlineData("\"code\": \"QL.1\"", "\"code\": null")]
    [InlineData("\"code\": \"QL\", \"kind\"", "\"code\": null, \"kind\"")]
    [InlineData("\"group\": \"QL\"", "\"group\": null")]
    [InlineData("\"title\": \"Chính sách\"", "\"title\": null")]
    [InlineData("{ \"text\": \"Cấp 1\", \"reference\": \"Mục 3.1\" }", "null")]
    [InlineData(
        "\"levels\": { \"3\": { \"text\": \"Cấp 3\", \"reference\": \"Mục 5.1\" }, \"1\": { \"text\": \"Cấp 1\", \"reference\": \"Mục 3.1\" } }",
        "\"levels\": null")]
    [InlineData("\"kind\": \"Technical\"", "\"kind\": 7")]
    [InlineData("\"1\": {", "\"01\": { \"text\": \"Cấp 1 lần hai\", \"reference\": \"Mục 3.2\" }, \"1\": {")]
    public void A_missing_or_impossible_value_in_a_file_is_reported_rather_than_crashing_or_loading(string original, string replacement)
    {
        Assert.Contains(original, OneRequirement, StringComparison.Ordinal);
        var json = OneRequirement.Replace(original, replacement, StringComparison.Ordinal);

        Assert.NotEmpty(Problems(json));
    }

    [Fact]
    public void An_exported_version_reads_back_to_the_same_codes_and_levels()
    {
        var version = Published();

        var json = CatalogDocument.From(version).ToJson();
        var text = Encoding.UTF8.GetString(json);
        Assert.Contains("Bảo đảm an toàn máy chủ", text, StringComparison.Ordinal);
        Assert.Contains("\"kind\": \"Technical\"", text, StringComparison.Ordinal);

        var again = CatalogDocument.Parse(json);
        Assert.Empty(again.Validate());
        Assert.Equal(GroupCodes, again.Groups.Select(g => g.Code));
        Assert.Equal(AllCodes, again.Requirements.Select(r => r.Code));

        var copy = again.ToVersion(CatalogDocument.HashOf(json));
        for (var level = 1; level <= 5; level++)
        {
            Assert.Equal(Codes(version.ApplicableTo(level)), Codes(copy.ApplicableTo(level)));
        }

        Assert.All(version.Requirements.Zip(copy.Requirements), pair =>
        {
            Assert.Equal(pair.First.Levels.Select(l => (l.Level, l.Text, l.Reference)), pair.Second.Levels.Select(l => (l.Level, l.Text, l.Reference)));
            Assert.Equal(pair.First.Kind, pair.Second.Kind);
            Assert.Equal(pair.First.GroupCode, pair.Second.GroupCode);
            Assert.Equal(pair.First.Text, pair.Second.Text);
        });
        Assert.Equal(text, Encoding.UTF8.GetString(CatalogDocument.From(copy).ToJson()));
    }

    [Fact]
    public void The_content_hash_is_the_lower_case_SHA_256_of_the_bytes()
    {
        Assert.Equal(Hash, CatalogDocument.HashOf([]));
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", CatalogDocument.HashOf("abc"u8));
    }

    private static IReadOnlyList<string> Problems(string json)
    {
        CatalogDocument document;
        try
        {
            document = CatalogDocument.Parse(Encoding.UTF8.GetBytes(json));
        }
        catch (DomainException ex)
        {
            return [ex.Message];
        }

        return document.Validate();
    }

    private static CatalogDocument Broken(string problem)
    {
        var document = Document();
        var requirements = document.Requirements;
        if (problem.StartsWith("level ", StringComparison.Ordinal))
        {
            requirements[0].Levels[problem["level ".Length..]] = new() { Text = "Cấp độ khác", Reference = "Phụ lục khác" };
            return document;
        }

        if (problem.StartsWith("date ", StringComparison.Ordinal))
        {
            return document with { EffectiveDate = problem["date ".Length..] };
        }

        switch (problem)
        {
            case "duplicate requirement code":
                requirements.Add(requirements[0] with { Code = "ql.1" });
                break;
            case "duplicate group code":
                document.Groups.Add(new() { Code = "ql", Kind = RequirementKind.Management, Title = "Nhóm trùng mã" });
                break;
            case "unknown group":
                requirements[3] = requirements[3] with { Group = "KT-XX" };
                break;
            case "no levels":
                requirements[1].Levels.Clear();
                break;
            case "empty title":
                requirements[4] = requirements[4] with { Title = "   " };
                break;
            case "empty text":
                requirements[4] = requirements[4] with { Text = string.Empty };
                break;
            case "empty level text":
                requirements[0].Levels["1"] = new() { Text = " ", Reference = "Phụ lục I" };
                break;
            case "empty level reference":
                requirements[0].Levels["1"] = new() { Text = "Có chính sách", Reference = string.Empty };
                break;
            case "no requirements":
                requirements.Clear();
                break;
            case "no catalog code":
                return document with { Code = "  " };
            case "group without title":
                document.Groups[1] = document.Groups[1] with { Title = string.Empty };
                break;
            case "requirement without code":
                requirements[1] = requirements[1] with { Code = " " };
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(problem), problem, "Unknown problem.");
        }

        return document;
    }
}

/// <summary>A catalog version: immutable once published, read per level.</summary>
public sealed class CatalogVersionTests
{
    [Fact]
    public void A_published_version_refuses_every_change()
    {
        var version = Published();
        Assert.Equal(CatalogStatus.Published, version.Status);

        var group = Assert.Throws<DomainException>(() => version.AddGroup("KT-UD", RequirementKind.Technical, "Bảo đảm an toàn ứng dụng", null));
        Assert.Equal("Danh mục TT12-TEST đã công bố: không được thay đổi; mọi thay đổi là một phiên bản mới.", group.Message);
        Assert.Throws<DomainException>(() => version.AddRequirement(
            "UD.1", "KT-M", RequirementKind.Technical, "Xác thực ứng dụng", null, "Nội dung", null, null, LevelsThreeToFive));
        Assert.Throws<DomainException>(() => version.Publish());

        Assert.Equal(3, version.Groups.Count);
        Assert.Equal(9, version.Requirements.Count);
        Assert.Equal(CatalogStatus.Published, version.Status);
    }

    [Fact]
    public void A_version_without_requirements_cannot_be_published()
    {
        var version = new CatalogVersion("TT-RONG", "Danh mục rỗng", "Thông tư 12/2022/TT-BTTTT", new DateOnly(2022, 10, 1), Hash);
        version.AddGroup("QL", RequirementKind.Management, "Yêu cầu quản lý", null);

        var error = Assert.Throws<DomainException>(() => version.Publish());
        Assert.Contains("chưa có yêu cầu nào", error.Message, StringComparison.Ordinal);
        Assert.Equal(CatalogStatus.Draft, version.Status);
    }

    [Fact]
    public void A_draft_built_in_code_is_numbered_in_the_order_added()
    {
        var version = new CatalogVersion("TT-NHO", "Danh mục nhỏ", "Thông tư 12/2022/TT-BTTTT", new DateOnly(2022, 10, 1), Hash);
        var group = version.AddGroup("QL", RequirementKind.Management, "Yêu cầu quản lý", "Management");
        var added = version.AddRequirement("QL.9", "QL", RequirementKind.Management, "Yêu cầu thêm trước", null, "Nội dung", null, null, LevelsThreeToFive);
        var next = version.AddRequirement("QL.1", "QL", RequirementKind.Management, "Chính sách", null, "Nội dung", "Hướng dẫn", "Quy chế", LevelsThreeToFive);
        version.Publish();

        Assert.Equal(CatalogStatus.Published, version.Status);
        Assert.Equal(1, group.Order);
        Assert.Equal(version.Id, group.VersionId);
        Assert.Equal(1, added.Order);
        Assert.Equal(2, next.Order);
        Assert.Equal(added.Id, added.Levels[0].RequirementId);
        Assert.Equal("QL.9,QL.1", Codes(version.ApplicableTo(4)));
        Assert.Empty(version.ApplicableTo(2));
    }

    [Theory]
    [InlineData(1, Level1)]
    [InlineData(2, Level2)]
    [InlineData(3, Level3)]
    [InlineData(4, Level4)]
    [InlineData(5, Level4)]
    [InlineData(0, "")]
    [InlineData(6, "")]
    public void Only_the_requirements_of_a_level_apply_to_it_in_catalog_order(int level, string codes)
    {
        var version = Published();

        var applicable = version.ApplicableTo(level).ToList();

        Assert.Equal(codes, Codes(applicable));
        Assert.All(applicable, r => Assert.Equal(LevelText(r.Code, level), r.ForLevel(level)!.Text));
    }

    [Fact]
    public void Only_a_published_version_is_retired_and_a_retired_one_stays_frozen()
    {
        var draft = Document().ToVersion(Hash);
        var error = Assert.Throws<DomainException>(() => draft.Retire());
        Assert.Equal("Chỉ danh mục đã công bố mới được ngừng áp dụng.", error.Message);
        Assert.Equal(CatalogStatus.Draft, draft.Status);

        var version = Published();
        version.Retire();
        Assert.Equal(CatalogStatus.Retired, version.Status);

        Assert.Throws<DomainException>(() => version.Retire());
        Assert.Throws<DomainException>(() => version.Publish());
        Assert.Throws<DomainException>(() => version.AddGroup("KT-UD", RequirementKind.Technical, "Ứng dụng", null));
        Assert.Equal(CatalogStatus.Retired, version.Status);
    }
}

/// <summary>Starting a self-assessment from a catalog version and a level.</summary>
public sealed class AssessmentStartTests
{
    [Theory]
    [InlineData(1, false, Level1)]
    [InlineData(2, true, Level2)]
    [InlineData(3, false, Level3)]
    [InlineData(4, true, Level4)]
    [InlineData(5, false, Level4)]
    public void One_unanswered_item_is_created_per_requirement_of_the_level(int level, bool approved, string codes)
    {
        var catalog = Published();
        var system = NewSystem();

        var a = Assessment.Start(system, catalog, 2026, level, approved, Creator, Now);

        Assert.Equal(codes, Codes(a.Items));
        var applicable = catalog.ApplicableTo(level).ToList();
        Assert.Equal(applicable.Select(r => r.Id), a.Items.Select(i => i.RequirementId));
        Assert.Equal(applicable.Select(r => (r.GroupCode, r.Title, r.Order)), a.Items.Select(i => (i.GroupCode, i.Title, i.Order)));
        Assert.All(a.Items, i =>
        {
            Assert.Equal(a.Id, i.AssessmentId);
            Assert.Equal(Answer.Unanswered, i.Answer);
            Assert.Equal(ItemReview.None, i.Review);
            Assert.False(i.ChangedSinceReturn);
        });
        Assert.Equal(level, a.Level);
        Assert.Equal(approved, a.LevelIsApproved);
        Assert.Equal(system.Id, a.SystemId);
        Assert.Equal(2026, a.Cycle);
        Assert.Equal(catalog.Id, a.CatalogVersionId);
        Assert.Equal("TT12-TEST", a.CatalogCode);
        Assert.Equal(AssessmentState.Draft, a.State);
        Assert.True(a.IsEditable);
        Assert.Equal(Creator, a.CreatedById);
        Assert.Equal(Now, a.CreatedAtUtc);
        Assert.Null(a.SubmittedById);
        Assert.Empty(a.Evidence);
    }

    [Fact]
    public void Only_a_published_catalog_can_be_used()
    {
        var draft = Document().ToVersion(Hash);
        var error = Assert.Throws<DomainException>(() => Start(draft, 2));
        Assert.Equal("Danh mục TT12-TEST chưa công bố hoặc đã ngừng áp dụng.", error.Message);

        var retired = Published();
        retired.Retire();
        Assert.Throws<DomainException>(() => Start(retired, 2));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    public void A_level_outside_1_to_5_is_refused(int level)
    {
        var error = Assert.Throws<DomainException>(() => Start(level));
        Assert.Contains("cần xác định cấp độ trước khi tự đánh giá", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1999)]
    [InlineData(2101)]
    public void A_cycle_outside_2000_to_2100_is_refused(int cycle)
    {
        var error = Assert.Throws<DomainException>(() => Assessment.Start(NewSystem(), Published(), cycle, 2, true, Creator, Now));
        Assert.Equal("Năm đánh giá không hợp lệ.", error.Message);
    }
}

/// <summary>The rules of one answer.</summary>
public sealed class AssessmentAnswerTests
{
    [Theory]
    [InlineData(Answer.Unanswered)]
    [InlineData((Answer)99)]
    public void An_answer_must_be_chosen(Answer answer)
    {
        var a = Start(2);
        var item = ItemOf(a, "QL.1");

        var error = Assert.Throws<DomainException>(() => a.AnswerItem(item.Id, answer, "Lý do", null, Planned, Person, Today, Creator, Now));

        Assert.Equal("QL.1: hãy chọn một câu trả lời.", error.Message);
        Assert.Equal(Answer.Unanswered, item.Answer);
        Assert.Null(item.AnsweredById);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Not_applicable_needs_a_justification(string? justification)
    {
        var a = Start(2);
        var item = ItemOf(a, "M.2");

        var error = Assert.Throws<DomainException>(() => a.AnswerItem(item.Id, Answer.NotApplicable, justification, null, null, null, Today, Creator, Now));

        Assert.Equal("M.2: «Không áp dụng» cần nêu lý do.", error.Message);
        Assert.Equal(Answer.Unanswered, item.Answer);
    }

    [Theory]
    [InlineData(Answer.NotMet, false, Person)]
    [InlineData(Answer.NotMet, true, null)]
    [InlineData(Answer.PartiallyMet, true, "   ")]
    [InlineData(Answer.PartiallyMet, false, null)]
    public void Not_met_and_partly_met_need_a_planned_date_and_a_responsible_person(Answer answer, bool withDate, string? responsible)
    {
        var a = Start(2);
        var item = ItemOf(a, "M.1");
        DateOnly? planned = withDate ? Planned : null;

        var error = Assert.Throws<DomainException>(() => a.AnswerItem(item.Id, answer, null, null, planned, responsible, Today, Creator, Now));

        Assert.Equal($"M.1: «{answer.Vietnamese()}» cần ngày dự kiến hoàn thành và người chịu trách nhiệm.", error.Message);
        Assert.Equal(Answer.Unanswered, item.Answer);
    }

    [Fact]
    public void A_planned_date_in_the_past_is_refused_but_today_is_accepted()
    {
        var a = Start(2);
        var item = ItemOf(a, "M.1");

        var error = Assert.Throws<DomainException>(() => a.AnswerItem(item.Id, Answer.NotMet, null, null, Today.AddDays(-1), Person, Today, Creator, Now));
        Assert.Equal("M.1: ngày dự kiến hoàn thành (30/11/2026) đã qua.", error.Message);
        Assert.Equal(Answer.Unanswered, item.Answer);

        a.AnswerItem(item.Id, Answer.NotMet, null, null, Today, $"  {Person} ", Today, Creator, Now);
        Assert.Equal(Answer.NotMet, item.Answer);
        Assert.Equal(Today, item.PlannedDate);
        Assert.Equal(Person, item.Responsible);
    }

    [Fact]
    public void An_item_whose_unchanged_planned_date_has_passed_can_still_be_saved_but_not_moved_to_another_past_date()
    {
        var a = Start(2);
        var item = ItemOf(a, "M.1");
        var planned = new DateOnly(2026, 12, 15);
        a.AnswerItem(item.Id, Answer.NotMet, null, null, planned, Person, Today, Creator, Now);

        var later = new DateOnly(2027, 1, 10);
        var laterUtc = new DateTime(2027, 1, 10, 3, 0, 0, DateTimeKind.Utc);
        a.AnswerItem(item.Id, Answer.PartiallyMet, null, "Đã triển khai tường lửa, còn thiếu phân vùng.", planned, Person, later, Submitter, laterUtc);

        Assert.Equal(Answer.PartiallyMet, item.Answer);
        Assert.Equal(planned, item.PlannedDate);
        Assert.Equal(Submitter, item.AnsweredById);
        Assert.Equal(laterUtc, item.AnsweredAtUtc);

        Assert.Throws<DomainException>(() => a.AnswerItem(item.Id, Answer.PartiallyMet, null, null, planned.AddDays(1), Person, later, Submitter, laterUtc));
        Assert.Equal(planned, item.PlannedDate);

        a.AnswerItem(item.Id, Answer.PartiallyMet, null, null, later.AddMonths(2), Person, later, Submitter, laterUtc);
        Assert.Equal(later.AddMonths(2), item.PlannedDate);
    }

    [Fact]
    public void A_past_date_cleared_by_a_met_answer_counts_as_new_again()
    {
        var a = Start(2);
        var item = ItemOf(a, "M.1");
        var planned = new DateOnly(2026, 12, 15);
        a.AnswerItem(item.Id, Answer.NotMet, null, null, planned, Person, Today, Creator, Now);
        var later = new DateOnly(2027, 1, 10);
        a.AnswerItem(item.Id, Answer.Met, null, null, null, null, later, Creator, Now);

        Assert.Throws<DomainException>(() => a.AnswerItem(item.Id, Answer.NotMet, null, null, planned, Person, later, Creator, Now));
        Assert.Equal(Answer.Met, item.Answer);
    }

    [Fact]
    public void Met_clears_the_planned_date_the_responsible_person_and_the_justification()
    {
        var a = Start(2);
        var item = ItemOf(a, "M.1");
        a.AnswerItem(item.Id, Answer.NotMet, null, null, Planned, Person, Today, Creator, Now);

        a.AnswerItem(item.Id, Answer.Met, "Lý do thừa", "  Quy chế số 15/QĐ-STTTT  ", Planned, Person, Today, Submitter, Now.AddHours(1));

        Assert.Equal(Answer.Met, item.Answer);
        Assert.Null(item.PlannedDate);
        Assert.Null(item.Responsible);
        Assert.Null(item.Justification);
        Assert.Equal("Quy chế số 15/QĐ-STTTT", item.EvidenceNote);
        Assert.Equal(Submitter, item.AnsweredById);
        Assert.Equal(Now.AddHours(1), item.AnsweredAtUtc);
    }

    [Fact]
    public void Not_applicable_keeps_only_its_justification()
    {
        var a = Start(2);
        var item = ItemOf(a, "M.2");
        a.AnswerItem(item.Id, Answer.PartiallyMet, null, "Một phần", Planned, Person, Today, Creator, Now);

        a.AnswerItem(item.Id, Answer.NotApplicable, "  Hệ thống không kết nối Internet.  ", null, Planned, Person, Today, Creator, Now);

        Assert.Equal(Answer.NotApplicable, item.Answer);
        Assert.Equal("Hệ thống không kết nối Internet.", item.Justification);
        Assert.Null(item.PlannedDate);
        Assert.Null(item.Responsible);
        Assert.Null(item.EvidenceNote);
    }

    [Theory]
    [InlineData("justification", "Lý do không áp dụng tối đa 4000 ký tự.")]
    [InlineData("evidence", "Mô tả minh chứng tối đa 4000 ký tự.")]
    [InlineData("responsible", "Người chịu trách nhiệm tối đa 200 ký tự.")]
    public void A_text_longer_than_its_column_is_refused(string field, string expected)
    {
        var a = Start(2);
        var item = ItemOf(a, "QL.1");
        var text = new string('x', AssessmentItem.TextMaxLength + 1);
        var name = new string('x', AssessmentItem.NameMaxLength + 1);

        var error = Assert.Throws<DomainException>(() => field switch
        {
            "justification" => a.AnswerItem(item.Id, Answer.NotApplicable, text, null, null, null, Today, Creator, Now),
            "evidence" => a.AnswerItem(item.Id, Answer.Met, null, text, null, null, Today, Creator, Now),
            _ => a.AnswerItem(item.Id, Answer.NotMet, null, null, Planned, name, Today, Creator, Now),
        });

        Assert.Equal(expected, error.Message);
        Assert.Equal(Answer.Unanswered, item.Answer);
    }

    [Fact]
    public void Texts_of_exactly_the_maximum_length_are_accepted_once_trimmed()
    {
        var a = Start(2);
        var text = new string('x', AssessmentItem.TextMaxLength);
        var name = new string('y', AssessmentItem.NameMaxLength);

        a.AnswerItem(ItemOf(a, "M.2").Id, Answer.NotApplicable, $"  {text}  ", text, null, null, Today, Creator, Now);
        a.AnswerItem(ItemOf(a, "M.1").Id, Answer.NotMet, null, null, Planned, $" {name} ", Today, Creator, Now);

        Assert.Equal(text, ItemOf(a, "M.2").Justification);
        Assert.Equal(text, ItemOf(a, "M.2").EvidenceNote);
        Assert.Equal(name, ItemOf(a, "M.1").Responsible);
    }

    [Theory]
    [InlineData(AssessmentState.Draft, true)]
    [InlineData(AssessmentState.Submitted, false)]
    [InlineData(AssessmentState.UnderReview, false)]
    [InlineData(AssessmentState.Returned, true)]
    [InlineData(AssessmentState.Accepted, false)]
    public void Answers_and_evidence_change_only_while_draft_or_returned(AssessmentState state, bool editable)
    {
        var a = Reach(state);
        Assert.Equal(state, a.State);
        Assert.Equal(editable, a.IsEditable);
        var item = ItemOf(a, "QL.1");

        if (editable)
        {
            a.AnswerItem(item.Id, Answer.NotApplicable, "Chính sách chung của tỉnh đã bao gồm hệ thống.", null, null, null, Today, Creator, Now);
            Attach(a, item, "chinh-sach.pdf");
            Assert.Equal(Answer.NotApplicable, item.Answer);
            Assert.Single(a.Evidence);
            Assert.Equal(state == AssessmentState.Returned, item.ChangedSinceReturn);
        }
        else
        {
            var error = Assert.Throws<DomainException>(() =>
                a.AnswerItem(item.Id, Answer.NotApplicable, "Chính sách chung của tỉnh.", null, null, null, Today, Creator, Now));
            Assert.Equal($"Bản tự đánh giá đang ở trạng thái «{state.Vietnamese()}»: không thể thay đổi.", error.Message);
            Assert.Throws<DomainException>(() => Attach(a, item, "chinh-sach.pdf"));
            Assert.Equal(Answer.Met, item.Answer);
            Assert.Empty(a.Evidence);
        }
    }

    [Fact]
    public void An_item_of_another_assessment_is_refused()
    {
        var a = Start(2);
        var other = Start(2);

        var error = Assert.Throws<DomainException>(() =>
            a.AnswerItem(other.Items[0].Id, Answer.Met, null, null, null, null, Today, Creator, Now));

        Assert.Equal("Yêu cầu này không thuộc bản tự đánh giá.", error.Message);
    }
}

/// <summary>Submitting the whole self-assessment.</summary>
public sealed class AssessmentSubmitTests
{
    [Fact]
    public void Unanswered_items_block_submission_pointing_at_the_first_one()
    {
        var a = Start(2);
        AnswerAll(a, "MM-M-M");

        var error = Assert.Throws<AssessmentIncompleteException>(() => a.Submit(Submitter, Head, Now));

        Assert.Equal(ItemOf(a, "M.1").Id, error.ItemId);
        Assert.Equal("Còn 2 yêu cầu chưa trả lời, đầu tiên là M.1 «Thiết kế vùng mạng».", error.Message);
        Assert.Equal(AssessmentState.Draft, a.State);
        Assert.Null(a.SubmittedById);
        Assert.Null(a.HeadConfirmation);
    }

    [Fact]
    public void The_first_unanswered_item_is_the_first_in_catalog_order_not_in_list_order()
    {
        // After rescoping, the added items (QL.3, MC.3) sit at the end of the list: QL.3 still comes before MC.1.
        var catalog = Published();
        var a = Start(catalog, 2);
        AnswerAll(a, "MMMM-M");
        a.Rescope(catalog, 3, true);
        Assert.Equal("MC.1", a.Items.First(i => i.Answer == Answer.Unanswered).RequirementCode);

        var error = Assert.Throws<AssessmentIncompleteException>(() => a.Submit(Submitter, Head, Now));

        Assert.Equal(ItemOf(a, "QL.3").Id, error.ItemId);
        Assert.Equal("Còn 3 yêu cầu chưa trả lời, đầu tiên là QL.3 «Đánh giá rủi ro định kỳ».", error.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void The_head_of_the_agency_must_have_confirmed(string? headConfirmation)
    {
        var a = Reach(AssessmentState.Draft);

        var error = Assert.Throws<DomainException>(() => a.Submit(Submitter, headConfirmation, Now));

        Assert.Contains("thủ trưởng đơn vị đã xác nhận", error.Message, StringComparison.Ordinal);
        Assert.Equal(AssessmentState.Draft, a.State);
        Assert.Null(a.SubmittedAtUtc);
    }

    [Fact]
    public void The_head_confirmation_holds_at_most_200_characters_once_trimmed()
    {
        var a = Reach(AssessmentState.Draft);
        Assert.Throws<DomainException>(() => a.Submit(Submitter, new string('A', Assessment.NameMaxLength + 1), Now));
        Assert.Equal(AssessmentState.Draft, a.State);

        var longest = new string('A', Assessment.NameMaxLength);
        a.Submit(Submitter, $"  {longest}  ", Now);
        Assert.Equal(longest, a.HeadConfirmation);
    }

    [Fact]
    public void A_complete_assessment_is_submitted_and_locked()
    {
        var a = Reach(AssessmentState.Draft);

        a.Submit(Submitter, $"  {Head}  ", Now.AddHours(2));

        Assert.Equal(AssessmentState.Submitted, a.State);
        Assert.False(a.IsEditable);
        Assert.Equal(Head, a.HeadConfirmation);
        Assert.Equal(Submitter, a.SubmittedById);
        Assert.Equal(Now.AddHours(2), a.SubmittedAtUtc);

        var again = Assert.Throws<DomainException>(() => a.Submit(Submitter, Head, Now));
        Assert.Contains("«Đã gửi, chờ xem xét»", again.Message, StringComparison.Ordinal);
    }
}

/// <summary>Review item by item, return and acceptance.</summary>
public sealed class AssessmentReviewTests
{
    private const string OwnReview = "Người lập hoặc gửi bản tự đánh giá không được xem xét bản đó.";

    [Theory]
    [InlineData(AssessmentState.Draft)]
    [InlineData(AssessmentState.UnderReview)]
    [InlineData(AssessmentState.Returned)]
    [InlineData(AssessmentState.Accepted)]
    public void Review_starts_only_from_a_submitted_assessment(AssessmentState state)
    {
        var a = Reach(state);

        var error = Assert.Throws<DomainException>(() => a.StartReview(Reviewer2));

        Assert.Equal($"Bản tự đánh giá đang ở trạng thái «{state.Vietnamese()}»: không thể bắt đầu xem xét.", error.Message);
        Assert.Equal(state, a.State);
    }

    [Theory]
    [InlineData(Creator)]
    [InlineData(Submitter)]
    public void The_creator_or_the_submitter_cannot_review_their_own_assessment(string userId)
    {
        var a = Reach(AssessmentState.Submitted);

        var error = Assert.Throws<DomainException>(() => a.StartReview(userId));
        Assert.Equal(OwnReview, error.Message);
        Assert.Equal(AssessmentState.Submitted, a.State);
        Assert.Null(a.ReviewerId);

        a.StartReview(Reviewer);
        Assert.Equal(Reviewer, a.ReviewerId);
        var item = ItemOf(a, "M.1").Id;
        Assert.Equal(OwnReview, Assert.Throws<DomainException>(() => a.ReviewItem(userId, item, ItemReview.Accepted, null)).Message);
        Assert.Equal(OwnReview, Assert.Throws<DomainException>(() => a.Return(userId, "Bổ sung")).Message);
        Assert.Equal(OwnReview, Assert.Throws<DomainException>(() => a.Accept(userId, Now)).Message);
        Assert.Equal(AssessmentState.UnderReview, a.State);
        Assert.Equal(ItemReview.None, ItemOf(a, "M.1").Review);
    }

    [Fact]
    public void Items_are_reviewed_only_once_the_review_has_started()
    {
        var a = Reach(AssessmentState.Submitted);

        var error = Assert.Throws<DomainException>(() => a.ReviewItem(Reviewer, a.Items[0].Id, ItemReview.Accepted, null));

        Assert.Contains("không thể xem xét từng yêu cầu", error.Message, StringComparison.Ordinal);
        Assert.Throws<DomainException>(() => a.Accept(Reviewer, Now));
        Assert.Equal(ItemReview.None, a.Items[0].Review);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void Needs_change_requires_a_comment(string? comment)
    {
        var a = Reach(AssessmentState.UnderReview);
        var item = ItemOf(a, "M.1");

        var error = Assert.Throws<DomainException>(() => a.ReviewItem(Reviewer, item.Id, ItemReview.NeedsChange, comment));

        Assert.Equal("M.1: «Cần bổ sung» cần nhận xét để đơn vị biết phải sửa gì.", error.Message);
        Assert.Equal(ItemReview.None, item.Review);
    }

    [Fact]
    public void Returning_needs_an_item_marked_as_needing_change_and_a_note_of_bounded_length()
    {
        var a = Reach(AssessmentState.UnderReview);
        a.ReviewItem(Reviewer, ItemOf(a, "QL.1").Id, ItemReview.Accepted, null);

        var nothing = Assert.Throws<DomainException>(() => a.Return(Reviewer, "Trả lại"));
        Assert.Contains("ít nhất một yêu cầu trước khi trả lại", nothing.Message, StringComparison.Ordinal);

        a.ReviewItem(Reviewer, ItemOf(a, "M.1").Id, ItemReview.NeedsChange, "Kế hoạch khắc phục chưa có kinh phí.");
        Assert.Throws<DomainException>(() => a.Return(Reviewer, new string('x', Assessment.NoteMaxLength + 1)));
        Assert.Equal(AssessmentState.UnderReview, a.State);

        a.Return(Reviewer, "   ");
        Assert.Equal(AssessmentState.Returned, a.State);
        Assert.Null(a.ReturnNote);
    }

    [Fact]
    public void A_returned_assessment_is_resubmitted_only_once_every_flagged_item_was_updated()
    {
        var a = Reach(AssessmentState.UnderReview);
        var policy = ItemOf(a, "QL.1");
        var staff = ItemOf(a, "QL.2");
        var access = ItemOf(a, "M.2");
        a.ReviewItem(Reviewer, policy.Id, ItemReview.Accepted, null);
        a.ReviewItem(Reviewer, access.Id, ItemReview.NeedsChange, "  Lý do không áp dụng chưa thuyết phục.  ");
        a.ReviewItem(Reviewer, staff.Id, ItemReview.NeedsChange, "Thiếu quyết định phân công.");

        a.Return(Reviewer, "  Đề nghị bổ sung hai yêu cầu.  ");

        Assert.Equal(AssessmentState.Returned, a.State);
        Assert.True(a.IsEditable);
        Assert.Equal("Đề nghị bổ sung hai yêu cầu.", a.ReturnNote);
        Assert.Equal("Lý do không áp dụng chưa thuyết phục.", access.ReviewComment);
        Assert.All(a.Items, i => Assert.False(i.ChangedSinceReturn));

        var unchanged = Assert.Throws<AssessmentIncompleteException>(() => a.Submit(Submitter, Head, Now));
        Assert.Equal(staff.Id, unchanged.ItemId);
        Assert.Contains("Còn 2 yêu cầu", unchanged.Message, StringComparison.Ordinal);
        Assert.Contains("QL.2", unchanged.Message, StringComparison.Ordinal);

        a.AnswerItem(staff.Id, Answer.Met, null, "Quyết định phân công số 20/QĐ-STTTT.", null, null, Today, Creator, Now);
        Assert.True(staff.ChangedSinceReturn);
        Assert.False(access.ChangedSinceReturn);
        Assert.False(policy.ChangedSinceReturn);

        var stillOne = Assert.Throws<AssessmentIncompleteException>(() => a.Submit(Submitter, Head, Now));
        Assert.Equal(access.Id, stillOne.ItemId);
        Assert.Contains("Còn 1 yêu cầu", stillOne.Message, StringComparison.Ordinal);
        Assert.Contains("M.2", stillOne.Message, StringComparison.Ordinal);
        Assert.Equal(AssessmentState.Returned, a.State);

        a.AnswerItem(access.Id, Answer.NotApplicable, "Hệ thống chỉ dùng mạng nội bộ, không có truy cập từ bên ngoài.", null, null, null, Today, Creator, Now);
        var resubmitted = Now.AddDays(3);
        a.Submit(Submitter, Head, resubmitted);
        Assert.Equal(AssessmentState.Submitted, a.State);
        Assert.Equal(resubmitted, a.SubmittedAtUtc);

        // The fixed items go back to the reviewer (their comments stay visible); the accepted one stays accepted.
        Assert.Equal(ItemReview.None, staff.Review);
        Assert.Equal(ItemReview.None, access.Review);
        Assert.Equal(ItemReview.Accepted, policy.Review);
        Assert.Equal("Thiếu quyết định phân công.", staff.ReviewComment);
        a.StartReview(Reviewer);
        Assert.Equal("M.1,MC.2", Codes(a.Accept(Reviewer, resubmitted)));
    }

    [Fact]
    public void Acceptance_is_refused_while_an_item_needs_change()
    {
        var a = Reach(AssessmentState.UnderReview);
        var item = ItemOf(a, "MC.2");
        a.ReviewItem(Reviewer, item.Id, ItemReview.NeedsChange, "Thiếu lịch cập nhật bản vá.");

        var error = Assert.Throws<DomainException>(() => a.Accept(Reviewer, Now));
        Assert.Contains("Còn yêu cầu được đánh dấu «Cần bổ sung»", error.Message, StringComparison.Ordinal);
        Assert.Equal(AssessmentState.UnderReview, a.State);
        Assert.Null(a.AcceptedAtUtc);

        a.ReviewItem(Reviewer, item.Id, ItemReview.Accepted, null);
        a.Accept(Reviewer, Now);
        Assert.Equal(AssessmentState.Accepted, a.State);
    }

    [Theory]
    [InlineData(Mixed, "QL.2,M.1,MC.2")]
    [InlineData("MMMMMM", "")]
    [InlineData("NXXXXN", "QL.1,MC.2")]
    [InlineData("PPPPPP", Level2)]
    public void Accepting_returns_exactly_the_unmet_and_partly_met_items_in_catalog_order(string pattern, string gaps)
    {
        var a = Reach(AssessmentState.UnderReview, pattern);

        var result = a.Accept(Reviewer, Now);

        Assert.Equal(gaps, Codes(result));
        Assert.All(result, i => Assert.Contains(i, a.Items));
    }

    [Fact]
    public void Acceptance_marks_unreviewed_items_accepted_and_locks_the_assessment()
    {
        var a = Reach(AssessmentState.UnderReview);
        var policy = ItemOf(a, "QL.1");
        a.ReviewItem(Reviewer, policy.Id, ItemReview.Accepted, "  Đầy đủ.  ");
        var acceptedAt = Now.AddDays(2);

        a.Accept(Reviewer, acceptedAt);

        Assert.Equal(AssessmentState.Accepted, a.State);
        Assert.Equal(acceptedAt, a.AcceptedAtUtc);
        Assert.False(a.IsEditable);
        Assert.All(a.Items, i => Assert.Equal(ItemReview.Accepted, i.Review));
        Assert.Equal("Đầy đủ.", policy.ReviewComment);
        Assert.Null(ItemOf(a, "M.1").ReviewComment);

        var locked = Assert.Throws<DomainException>(() => a.AnswerItem(policy.Id, Answer.NotMet, null, null, Planned, Person, Today, Creator, Now));
        Assert.Equal("Bản tự đánh giá đang ở trạng thái «Đã chấp nhận»: không thể thay đổi.", locked.Message);
        Assert.Throws<DomainException>(() => a.ReviewItem(Reviewer, policy.Id, ItemReview.NeedsChange, "Sửa lại"));
        Assert.Throws<DomainException>(() => a.Return(Reviewer, "Sửa lại"));
        Assert.Throws<DomainException>(() => a.Accept(Reviewer, Now));
        Assert.Equal(Answer.Met, policy.Answer);
    }
}

/// <summary>Percentage met and the deployment column of Mẫu 08.</summary>
public sealed class AssessmentScoreTests
{
    // Level 2 items in order: QL.1, QL.2, M.1, M.2, MC.1, MC.2.
    [Theory]
    [InlineData("MMPPNX", "60", PlanDeployment.PartlyDeployed)]
    [InlineData("XXXXXX", null, PlanDeployment.NotDeployed)]
    [InlineData("------", null, PlanDeployment.NotDeployed)]
    [InlineData("MMMMMM", "100", PlanDeployment.FullyDeployed)]
    [InlineData("MXMXMX", "100", PlanDeployment.FullyDeployed)]
    [InlineData("MMMMM-", "100", PlanDeployment.PartlyDeployed)]
    [InlineData("NNNNNX", "0", PlanDeployment.NotDeployed)]
    [InlineData("PNNNNN", "8.3", PlanDeployment.PartlyDeployed)]
    [InlineData("MMNXXX", "66.7", PlanDeployment.PartlyDeployed)]
    [InlineData("PXXXXX", "50", PlanDeployment.PartlyDeployed)]
    public void Partly_met_counts_half_and_not_applicable_is_left_out(string pattern, string? percent, PlanDeployment deployment)
    {
        var a = Start(2);
        AnswerAll(a, pattern);
        decimal? expected = percent is null ? null : decimal.Parse(percent, CultureInfo.InvariantCulture);

        var score = a.Score();

        Assert.Equal(expected, score.Overall.Percent);
        Assert.Equal(deployment, score.Deployment);
        Assert.Equal(6, score.Overall.Items);
        Assert.Equal(pattern.Count(c => c != '-'), score.Overall.Answered);
        Assert.Equal(pattern.Count(c => c == 'X'), score.Overall.NotApplicable);
    }

    [Fact]
    public void Each_group_has_its_own_line_in_group_order()
    {
        var a = Start(2);
        AnswerAll(a, "MPNXXX");

        var score = a.Score();

        Assert.Equal(GroupCodes, score.Groups.Select(g => g.GroupCode));
        Assert.Equal(new ScoreLine("QL", 2, 2, 1, 1, 0, 0), score.Groups[0]);
        Assert.Equal(new ScoreLine("KT-M", 2, 2, 0, 0, 1, 1), score.Groups[1]);
        Assert.Equal(new ScoreLine("KT-MC", 2, 2, 0, 0, 0, 2), score.Groups[2]);
        Assert.Equal(75m, score.Groups[0].Percent);
        Assert.Equal(0m, score.Groups[1].Percent);
        Assert.Null(score.Groups[2].Percent);
        Assert.Equal(new ScoreLine(string.Empty, 6, 6, 1, 1, 1, 3), score.Overall);
        Assert.Equal(50m, score.Overall.Percent);
    }

    [Fact]
    public void No_items_score_nothing()
    {
        var score = AssessmentScore.Compute([]);

        Assert.Null(score.Overall.Percent);
        Assert.Empty(score.Groups);
        Assert.Equal(PlanDeployment.NotDeployed, score.Deployment);
    }
}

/// <summary>The approved level changed while the assessment is open.</summary>
public sealed class AssessmentRescopeTests
{
    [Fact]
    public void Moving_from_level_2_to_level_3_adds_and_removes_requirements_and_keeps_the_common_answers()
    {
        var catalog = Published();
        var a = Start(catalog, 2, levelIsApproved: false);
        AnswerAll(a, Mixed);
        var policy = ItemOf(a, "QL.1");
        var zones = ItemOf(a, "M.1");
        var kept = Attach(a, policy, "quy-che.pdf");
        Attach(a, ItemOf(a, "QL.2"), "phan-cong.pdf");
        Attach(a, ItemOf(a, "MC.2"), "ban-va.pdf");

        var (added, removed) = a.Rescope(catalog, 3, true);

        Assert.Equal(2, added);
        Assert.Equal(2, removed);
        Assert.Equal(3, a.Level);
        Assert.True(a.LevelIsApproved);
        Assert.Equal(Level3, Codes(a.Items.OrderBy(i => i.Order)));
        Assert.Same(policy, ItemOf(a, "QL.1"));
        Assert.Equal(Answer.Met, policy.Answer);
        Assert.Equal("Quy chế số 15/QĐ-STTTT.", policy.EvidenceNote);
        Assert.Equal(Answer.NotMet, zones.Answer);
        Assert.Equal(Planned, zones.PlannedDate);
        Assert.Equal(Person, zones.Responsible);
        Assert.Equal(Answer.NotApplicable, ItemOf(a, "M.2").Answer);
        Assert.Equal(Answer.Met, ItemOf(a, "MC.1").Answer);
        var risk = ItemOf(a, "QL.3");
        Assert.Equal(Answer.Unanswered, risk.Answer);
        Assert.Equal(a.Id, risk.AssessmentId);
        Assert.Equal(catalog.Requirements.Single(r => r.Code == "QL.3").Id, risk.RequirementId);
        Assert.Equal(Answer.Unanswered, ItemOf(a, "MC.3").Answer);
        Assert.Equal(kept.Id, Assert.Single(a.Evidence).Id);
        Assert.Equal(4, a.Score().Overall.Answered);
    }

    [Fact]
    public void Rescoping_to_the_same_level_changes_nothing()
    {
        var catalog = Published();
        var a = Start(catalog, 2);
        AnswerAll(a, Mixed);

        Assert.Equal((0, 0), a.Rescope(catalog, 2, true));
        Assert.Equal(Level2, Codes(a.Items));
        Assert.Equal(Answer.PartiallyMet, ItemOf(a, "QL.2").Answer);
    }

    [Theory]
    [InlineData(AssessmentState.Submitted)]
    [InlineData(AssessmentState.UnderReview)]
    [InlineData(AssessmentState.Accepted)]
    public void Rescoping_is_refused_once_the_assessment_is_not_editable(AssessmentState state)
    {
        var catalog = Published();
        var a = Reach(state, Mixed, catalog);

        var error = Assert.Throws<DomainException>(() => a.Rescope(catalog, 3, true));

        Assert.Contains("không thể thay đổi", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, a.Level);
        Assert.Equal(Level2, Codes(a.Items));
    }

    [Fact]
    public void Rescoping_with_another_catalog_version_is_refused()
    {
        var a = Start(Published(), 2);
        var other = Published();

        var error = Assert.Throws<DomainException>(() => a.Rescope(other, 3, true));

        Assert.Equal("Chỉ điều chỉnh theo danh mục mà bản tự đánh giá đang dùng.", error.Message);
        Assert.Equal(2, a.Level);
        Assert.Equal(Level2, Codes(a.Items));
    }

    // Start refuses a level outside 1–5; rescoping must too, or it empties the assessment (level 0 or 6 has no requirement).
    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void Rescoping_to_a_level_outside_1_to_5_is_refused_like_starting(int level)
    {
        var catalog = Published();
        var a = Start(catalog, 2);
        AnswerAll(a, Mixed);

        Assert.Throws<DomainException>(() => a.Rescope(catalog, level, true));

        Assert.Equal(2, a.Level);
        Assert.Equal(Level2, Codes(a.Items));
        Assert.Equal(Answer.Met, ItemOf(a, "QL.1").Answer);
    }
}

/// <summary>Files supporting an answer.</summary>
public sealed class AssessmentEvidenceTests
{
    [Theory]
    [InlineData("..\\..\\x.pdf", "x.pdf")]
    [InlineData("../etc/x.pdf", "x.pdf")]
    [InlineData("C:\\Users\\a\\b.pdf", "b.pdf")]
    [InlineData("  Biên bản kiểm tra.pdf ", "Biên bản kiểm tra.pdf")]
    [InlineData("", "minh-chung")]
    [InlineData("tai-lieu/", "minh-chung")]
    public void Only_the_bare_file_name_is_kept(string uploaded, string stored)
    {
        var a = Start(2);
        var item = ItemOf(a, "QL.1");

        var evidence = a.AddEvidence(item.Id, uploaded, "application/pdf", 4096L, Hash, Submitter, Now);

        Assert.Equal(stored, evidence.File.FileName);
        Assert.Equal(item.Id, evidence.ItemId);
        Assert.Equal(a.Id, evidence.AssessmentId);
        Assert.Equal("application/pdf", evidence.File.ContentType);
        Assert.Equal(4096L, evidence.File.Length);
        Assert.Equal(Hash, evidence.File.Sha256);
        Assert.Equal(Submitter, evidence.File.UploadedById);
        Assert.Equal(Now, evidence.File.UploadedAtUtc);
        Assert.Same(evidence, Assert.Single(a.Evidence));
    }

    [Fact]
    public void A_long_file_name_keeps_its_end_and_so_its_extension()
    {
        var a = Start(2);

        var evidence = Attach(a, ItemOf(a, "QL.1"), new string('a', 250) + ".pdf");

        Assert.Equal(AssessmentEvidence.FileNameMaxLength, evidence.File.FileName.Length);
        Assert.EndsWith("a.pdf", evidence.File.FileName, StringComparison.Ordinal);
    }

    [Fact]
    public void Evidence_for_an_unknown_item_is_refused()
    {
        var a = Start(2);

        var error = Assert.Throws<DomainException>(() => a.AddEvidence(Guid.NewGuid(), "x.pdf", "application/pdf", 10, Hash, Creator, Now));

        Assert.Equal("Yêu cầu này không thuộc bản tự đánh giá.", error.Message);
        Assert.Empty(a.Evidence);
    }

    [Fact]
    public void Evidence_is_removed_by_id_and_an_unknown_id_is_refused()
    {
        var a = Start(2);
        var first = Attach(a, ItemOf(a, "QL.1"), "quy-che.pdf");
        var second = Attach(a, ItemOf(a, "QL.1"), "bien-ban.pdf");

        a.RemoveEvidence(first.Id);

        Assert.Same(second, Assert.Single(a.Evidence));
        var error = Assert.Throws<DomainException>(() => a.RemoveEvidence(first.Id));
        Assert.Equal("Không tìm thấy tệp minh chứng này.", error.Message);
    }

    [Fact]
    public void Evidence_cannot_be_removed_after_submission()
    {
        var a = Start(2);
        var evidence = Attach(a, ItemOf(a, "QL.1"), "quy-che.pdf");
        AnswerAll(a, Mixed);
        a.Submit(Submitter, Head, Now);

        Assert.Throws<DomainException>(() => a.RemoveEvidence(evidence.Id));
        Assert.Same(evidence, Assert.Single(a.Evidence));
    }
}

/// <summary>The officer's bulk actions on one assessment page: last year's answers, a whole group not applicable, one file for several items.</summary>
public sealed class AssessmentBulkTests
{
    private static (Assessment Previous, Assessment Next, CatalogVersion Catalog) LastYearAndThisYear()
    {
        var catalog = Published();
        var system = NewSystem();
        var previous = Assessment.Start(system, catalog, 2025, 2, true, Creator, Now);
        AnswerAll(previous, Mixed);
        Attach(previous, ItemOf(previous, "QL.1"), "quy-che.pdf");
        previous.Submit(Submitter, Head, Now);
        previous.StartReview(Reviewer);
        _ = previous.Accept(Reviewer, Now);
        var next = Assessment.Start(system, catalog, 2026, 2, true, Creator, Now);
        return (previous, next, catalog);
    }

    [Fact]
    public void Last_years_answers_are_proposed_on_the_unanswered_items_and_confirmed_in_one_step_where_they_still_pass()
    {
        var (previous, next, catalog) = LastYearAndThisYear();
        next.AnswerItem(ItemOf(next, "MC.1").Id, Answer.NotMet, null, null, Planned, Person, Today, Creator, Now);

        Assert.Equal(5, next.ProposeFrom(previous, catalog, catalog));

        Assert.Equal(previous.Id, next.CarriedFromId);
        Assert.Equal(Answer.Met, ItemOf(next, "QL.1").CarriedAnswer);
        Assert.Null(ItemOf(next, "MC.1").CarriedAnswer); // answered already: left as the officer gave it
        Assert.Equal("quy-che.pdf", Assert.Single(next.Evidence).File.FileName);
        Assert.Equal(5, next.ProposeFrom(previous, catalog, catalog)); // proposing twice copies no file twice
        Assert.Single(next.Evidence);

        var (confirmed, refused) = next.ConfirmCarriedAnswers(Today, Submitter, Now);

        // Met and not applicable (with its reason) pass again; partly met and not met need this year's date and person.
        Assert.Equal(2, confirmed);
        Assert.Equal(Answer.Met, ItemOf(next, "QL.1").Answer);
        Assert.Equal(Answer.Unanswered, ItemOf(next, "QL.2").Answer);
        Assert.Equal(Answer.Unanswered, ItemOf(next, "M.1").Answer);
        Assert.Equal(Answer.NotApplicable, ItemOf(next, "M.2").Answer);
        Assert.Equal(Answer.NotMet, ItemOf(next, "MC.1").Answer);
        Assert.Equal(Answer.Unanswered, ItemOf(next, "MC.2").Answer);
        Assert.Equal(Submitter, ItemOf(next, "QL.1").AnsweredById);
        Assert.Equal(3, refused.Count);
        Assert.Contains(refused, m => m.StartsWith("QL.2: «Đáp ứng một phần» cần ngày dự kiến", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_an_accepted_earlier_assessment_of_the_same_system_can_be_proposed()
    {
        var (previous, next, catalog) = LastYearAndThisYear();
        var other = Start(catalog, 2);
        var error = Assert.Throws<DomainException>(() => other.ProposeFrom(previous, catalog, catalog));
        Assert.Equal("Chỉ lấy câu trả lời từ bản tự đánh giá đã được chấp nhận của năm trước, cùng hệ thống.", error.Message);
        Assert.Throws<DomainException>(() => previous.ProposeFrom(next, catalog, catalog));
    }

    [Fact]
    public void A_whole_group_is_marked_not_applicable_with_one_reason_and_needs_the_reason()
    {
        var a = Start(2);

        var error = Assert.Throws<DomainException>(() => a.MarkGroupNotApplicable("KT-M", "  ", Today, Creator, Now));
        Assert.Equal("Nhóm KT-M: hãy nêu lý do không áp dụng cho cả nhóm.", error.Message);
        Assert.All(a.Items, i => Assert.Equal(Answer.Unanswered, i.Answer));
        Assert.Throws<DomainException>(() => a.MarkGroupNotApplicable("KHAC", "Không có", Today, Creator, Now));

        Assert.Equal(2, a.MarkGroupNotApplicable("KT-M", "Hệ thống chạy trên hạ tầng của Sở, không có mạng riêng", Today, Creator, Now));

        Assert.Equal("M.1,M.2", Codes(a.Items.Where(i => i.Answer == Answer.NotApplicable)));
        Assert.All(a.Items.Where(i => i.GroupCode == "KT-M"), i => Assert.Equal("Hệ thống chạy trên hạ tầng của Sở, không có mạng riêng", i.Justification));
        Assert.Equal(2, a.Score().Overall.Answered);
    }

    [Fact]
    public void One_file_is_linked_to_several_items_once_each_and_never_to_an_item_of_another_assessment_or_none()
    {
        var a = Start(2);
        var items = new[] { ItemOf(a, "QL.1").Id, ItemOf(a, "M.1").Id, ItemOf(a, "QL.1").Id };

        Assert.Equal(2, a.AddEvidence(items, "bien-ban.pdf", "application/pdf", 2048, Hash, Creator, Now));
        Assert.Equal("M.1,QL.1", string.Join(',', a.Evidence.Select(e => a.Items.Single(i => i.Id == e.ItemId).RequirementCode).Order(StringComparer.Ordinal)));

        Assert.Throws<DomainException>(() => a.AddEvidence([ItemOf(a, "M.2").Id, ItemOf(Start(2), "QL.1").Id], "x.pdf", "application/pdf", 1, Hash, Creator, Now));
        Assert.Throws<DomainException>(() => a.AddEvidence([], "x.pdf", "application/pdf", 1, Hash, Creator, Now));
        Assert.Equal(2, a.Evidence.Count); // a refused list links nothing, not even its own items
    }
}
