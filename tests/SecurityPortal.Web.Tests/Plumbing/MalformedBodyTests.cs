using System.Net;
using System.Text;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Tests.Plumbing;

/// <summary>
/// Issue 20: a body the server cannot read (a multipart upload cut off half-way, as a dropped connection or a forged
/// request leaves it) is answered 400 with the Vietnamese error page, never 500 — signed in, where the form's
/// submission key is read as well.
/// </summary>
public sealed class MalformedBodyTests : PortalTestBase
{
    [Theory]
    [InlineData("cut off inside a file")]
    [InlineData("no closing boundary")]
    [InlineData("a part without headers' end")]
    public async Task A_cut_off_multipart_form_gets_400_and_the_Vietnamese_page(string how)
    {
        var agency = await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        await Factory.CreateUserAsync("yte@sl.vn", PortalRoles.AgencyOfficer, agency.Id);
        var client = await SignInAsync("yte@sl.vn");
        var page = await client.GetDocumentAsync("/Systems/Create");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var key = page.QuerySelector("input[name=__SubmissionKey]")?.GetAttribute("value") ?? Guid.NewGuid().ToString();

        const string boundary = "----cutoff";
        var body = new StringBuilder()
            .Append($"--{boundary}\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n{token}\r\n")
            .Append($"--{boundary}\r\nContent-Disposition: form-data; name=\"__SubmissionKey\"\r\n\r\n{key}\r\n")
            .Append(how switch
            {
                "cut off inside a file" => $"--{boundary}\r\nContent-Disposition: form-data; name=\"Upload\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 half a fi",
                "no closing boundary" => $"--{boundary}\r\nContent-Disposition: form-data; name=\"Input.Code\"\r\n\r\nSYT-X\r\n",
                _ => $"--{boundary}\r\nContent-Disposition: form-data; name=\"Input.Name\"\r\nContent-Ty",
            });
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToString()));
        content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={boundary}");

        var response = await client.PostAsync("/Systems/Create", content);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{how}: {(int)response.StatusCode} {text[..Math.Min(2000, text.Length)]}");
        Assert.Contains("lang=\"vi\"", text, StringComparison.Ordinal);
        Assert.Contains("Yêu cầu không hợp lệ", text, StringComparison.Ordinal);
    }
}
