using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SecurityPortal.Web.Inbox;

public static class InboxSetup
{
    /// <summary>«Việc của tôi» (the home page and the menu's count) and the assignment of new tasks to the technical contact.</summary>
    public static void AddPortalInbox(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<PersonalInbox>();
        builder.Services.AddSingleton<ContactAssignment>();
        builder.Services.AddSingleton<ISaveChangesInterceptor>(services => services.GetRequiredService<ContactAssignment>());
    }
}
