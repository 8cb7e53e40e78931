using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SecurityPortal.Data;
using SecurityPortal.Domain.Remediation;

namespace SecurityPortal.Web.Inbox;

/// <summary>
/// A new remediation task saved without an assignee goes to its system's technical contact: the registry keeps the contact
/// as a name, a phone and an e-mail address (<c>InformationSystem.TechnicalContactEmail</c>), and when that address is the
/// e-mail of an active portal account of the system's owner or operating agency (the people a task of the system may be
/// assigned to, <c>TaskPeople.AssigneesAsync</c>) the task is theirs. Otherwise it stays unassigned and the agency's
/// officers see it «chưa giao» in their inbox. Every page and job that creates tasks saves through here, and the new task's
/// audit entry carries its assignee.
/// </summary>
public sealed class ContactAssignment : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is PortalDbContext db && Pending(db) is { Count: > 0 } pending)
        {
            var contacts = Contacts(db, pending).ToList();
            Assign(pending, contacts, People(db, contacts).ToList());
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is PortalDbContext db && Pending(db) is { Count: > 0 } pending)
        {
            var contacts = await Contacts(db, pending).ToListAsync(cancellationToken);
            Assign(pending, contacts, await People(db, contacts).ToListAsync(cancellationToken));
        }

        return result;
    }

    private static List<RemediationTask> Pending(PortalDbContext db) =>
        [.. db.ChangeTracker.Entries<RemediationTask>().Where(e => e.State == EntityState.Added && e.Entity.AssigneeId == null).Select(e => e.Entity)];

    private static IQueryable<Contact> Contacts(PortalDbContext db, List<RemediationTask> pending)
    {
        var systemIds = pending.Select(t => t.SystemId).Distinct().ToList();
        return db.InformationSystems.AsNoTracking().Where(s => systemIds.Contains(s.Id) && s.TechnicalContactEmail != null)
            .Select(s => new Contact(s.Id, s.TechnicalContactEmail!, s.OwnerAgencyId, s.OperatorAgencyId));
    }

    /// <summary>The accounts whose e-mail is a contact's, compared as Identity compares e-mails (normalised, upper case).</summary>
    private static IQueryable<Person> People(PortalDbContext db, List<Contact> contacts)
    {
        var emails = contacts.Select(c => Normalize(c.Email)).Distinct().ToList();
        return db.Users.AsNoTracking().Where(u => u.IsActive && u.AgencyId != null && u.NormalizedEmail != null && emails.Contains(u.NormalizedEmail))
            .Select(u => new Person(u.Id, u.FullName, u.NormalizedEmail!, u.AgencyId!.Value));
    }

    private static void Assign(List<RemediationTask> pending, List<Contact> contacts, List<Person> people)
    {
        foreach (var task in pending)
        {
            var contact = contacts.FirstOrDefault(c => c.SystemId == task.SystemId);
            var person = contact is null
                ? null
                : people.FirstOrDefault(p => p.Email == Normalize(contact.Email) && (p.AgencyId == contact.OwnerAgencyId || p.AgencyId == contact.OperatorAgencyId));
            if (person is not null)
            {
                task.AssignToContact(person.Id, person.FullName);
            }
        }
    }

    private static string Normalize(string email) => email.Trim().ToUpperInvariant();

    private sealed record Contact(Guid SystemId, string Email, Guid OwnerAgencyId, Guid OperatorAgencyId);

    private sealed record Person(string Id, string FullName, string Email, Guid AgencyId);
}
