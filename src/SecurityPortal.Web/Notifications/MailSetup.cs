using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Infrastructure.Background;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.Notifications;

public static class MailSetup
{
    public static void AddPortalMail(this WebApplicationBuilder builder)
    {
        var mail = builder.AddPortalOptions<MailOptions>(MailOptions.SectionName);
        if (mail.Mode is not ("Smtp" or "Folder" or "Off"))
        {
            throw new PortalConfigurationException($"Mail:Mode phải là Smtp, Folder hoặc Off (đang là «{mail.Mode}»).");
        }

        builder.AddPortalOptions<ReminderOptions>(ReminderOptions.SectionName);
        builder.Services.AddSingleton<MailComposer>();
        builder.Services.AddScoped<MailQueueInterceptor>();
        builder.Services.AddScoped<Microsoft.EntityFrameworkCore.Diagnostics.ISaveChangesInterceptor>(services => services.GetRequiredService<MailQueueInterceptor>());
        if (mail.Mode.Equals("Folder", StringComparison.OrdinalIgnoreCase))
        {
            builder.Services.AddSingleton<IMailTransport, FolderMailTransport>();
        }
        else
        {
            builder.Services.AddSingleton<IMailTransport, SmtpMailTransport>();
        }

        builder.Services.AddScoped<OutboxSender>();
        builder.Services.AddScoped<ReminderScanner>();
        builder.Services.AddPortalLoop<MailSenderLoop>("mail sender");
        builder.Services.AddPortalLoop<ReminderLoop>("reminder scan");
    }
}
