using Microsoft.Extensions.Options;

namespace SecurityPortal.Web.Options;

public static class OptionsRegistration
{
    /// <summary>
    /// Binds <typeparamref name="T"/> to its configuration section with the options pattern and checks its data annotations
    /// when the host starts, so a wrong setting stops the start and names itself. The bound value is also offered as
    /// <typeparamref name="T"/> itself, which is what the services take. Returns the settings as configured now, for the
    /// registrations that depend on them (the mail transport, the website watch's networks, the identity rules).
    /// </summary>
    public static T AddPortalOptions<T>(this WebApplicationBuilder builder, string sectionName)
        where T : class, new()
    {
        builder.Services.AddOptions<T>().BindConfiguration(sectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(services => services.GetRequiredService<IOptions<T>>().Value);
        return builder.Configuration.GetSection(sectionName).Get<T>() ?? new T();
    }

    /// <summary>
    /// A validation failure as the operator should read it: the message of the failed rule, which names its key («Mail:BatchSize
    /// phải từ 1 đến 1.000.»), without the framework's wrapping («DataAnnotation validation failed for 'MailOptions' members: …»).
    /// </summary>
    public static string Readable(string failure) =>
        System.Text.RegularExpressions.Regex.Match(failure, "with the error: '(?<message>.*)'\\.?$", System.Text.RegularExpressions.RegexOptions.Singleline, TimeSpan.FromSeconds(1)) is { Success: true } match
            ? match.Groups["message"].Value
            : failure;
}
