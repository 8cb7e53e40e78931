using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SecurityPortal.Web.Infrastructure;

namespace SecurityPortal.Tests.Plumbing;

/// <summary>
/// The messages the code writes in Vietnamese (issue 17: «English covers … validation and domain messages») read in
/// English through the real English file: whole, through their template with each part translated, several sentences
/// one by one, a step named inside a sentence through the button's entry; Vietnamese stays as it was written.
/// </summary>
[Trait("Category", "ProviderIndependent")]
public sealed class PortalMessagesTests
{
    private static readonly PortalMessages Messages = new(new StringLocalizer<SharedResource>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance)));

    [Theory]
    [InlineData("Hãy chọn hạn mới.", "Choose a new due date.")]
    [InlineData("Nhiệm vụ đang ở trạng thái «Đã xác minh»: không thể hủy.", "The task is «Verified»: you cannot cancel it.")]
    [InlineData("Nhiệm vụ đã được xác minh: không thể giao nhiệm vụ.", "The task has been verified: you cannot assign it.")]
    [InlineData("Chưa xác minh nhiệm vụ nào. Hãy chọn hạn mới.", "Could not verify any task. Choose a new due date.")]
    [InlineData("Hãy chọn hạn mới. Hãy chọn hạn mới.", "Choose a new due date. Choose a new due date.")]
    [InlineData("Something the portal never wrote", "Something the portal never wrote")]
    public void A_message_reads_in_English(string vietnamese, string english) =>
        Assert.Equal(english, InCulture("en-US", () => Messages.Translate(vietnamese)));

    [Fact]
    public void A_long_text_from_outside_is_shown_as_it_is()
    {
        // A website finding's detail quotes a remote page: no template runs over it, so nothing can run out of time.
        var quoted = string.Concat(Enumerable.Repeat("Nội dung trang: ", 20_000));
        Assert.Same(quoted, InCulture("en-US", () => Messages.Translate(quoted)));
    }

    [Fact]
    public void Vietnamese_stays_as_written() =>
        Assert.Equal("Hãy chọn hạn mới.", InCulture("vi-VN", () => Messages.Translate("Hãy chọn hạn mới.")));

    [Fact]
    public void A_step_inside_a_sentence_uses_the_buttons_entry_in_lower_case() =>
        Assert.Equal(("verify", "Verify"), InCulture("en-US", () => (Messages.Entry("xác minh"), Messages.Entry("Xác minh"))));

    private static T InCulture<T>(string culture, Func<T> read)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            return read();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
