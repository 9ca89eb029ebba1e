using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace MonitorCore.Notifications.Email;

/// <summary>Empty, or one or more e-mail addresses (<c>a@example.com</c>, <c>Trader &lt;t@example.com&gt;</c>) separated by commas.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class EmailAddressesAttribute : ValidationAttribute
{
    public EmailAddressesAttribute()
        : base("must be e-mail addresses separated by commas (a@example.com, Name <b@example.com>)")
    {
    }

    public override bool IsValid(object? value) =>
        value is null || (value is string text && (text.Length == 0 || Parse(text) is not null));

    /// <summary>The mailboxes in the text, or null when it is not a list of addresses.</summary>
    public static List<MailboxAddress>? Parse(string text) =>
        InternetAddressList.TryParse(text, out var list) && list.Count > 0 && list.All(a => a is MailboxAddress { Address: [_, ..] } m && m.Address.Contains('@', StringComparison.Ordinal))
            ? list.Mailboxes.ToList()
            : null;
}
