using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using EngagementHub.Core.Common;
using EngagementHub.Tests.TestSupport;

namespace EngagementHub.Tests.Components.Shared;

/// <summary>
/// The rules every form keeps (docs/conventions.md, "Errors the GOV.UK way"), checked over the app's markup so a new
/// form cannot miss them: the app's own messages rather than the browser's bubbles, an error summary, and the same
/// words for a required field on the client as on the server.
/// </summary>
public sealed partial class FormConventionsTests
{
    public static TheoryData<string> Forms()
    {
        var forms = new TheoryData<string>();
        foreach (var file in RazorFiles().Where(f => File.ReadAllText(f).Contains("<EditForm", StringComparison.Ordinal)))
        {
            forms.Add(Path.GetRelativePath(WebProject, file));
        }

        return forms;
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void EditForm_EveryForm_TurnsOffBrowserValidationAndHasAnErrorSummary(string form)
    {
        var text = File.ReadAllText(Path.Combine(WebProject, form));

        foreach (Match tag in EditFormTag().Matches(text))
        {
            Assert.Contains("novalidate", tag.Value, StringComparison.Ordinal);
        }

        Assert.Contains("<ErrorSummary", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Dialog_EveryFormInADialog_IsAFormDialog()
    {
        // docs/conventions.md, "Forms in dialogs": one frame, so the summary, the busy button and the handling of the
        // server's answer cannot drift apart again.
        var own = RazorFiles()
            .Where(f => Path.GetFileName(f) != "FormDialog.razor")
            .Where(f => File.ReadAllText(f) is var text
                && text.Contains("<MudDialog", StringComparison.Ordinal) && text.Contains("<EditForm", StringComparison.Ordinal))
            .Select(Path.GetFileName);

        Assert.Empty(own);
    }

    [Fact]
    public void RequiredField_EveryMudInput_SaysTheFormsOwnMessageRatherThanRequired()
    {
        var missing = new List<string>();
        foreach (var file in RazorFiles())
        {
            foreach (Match tag in ComponentTag().Matches(File.ReadAllText(file)))
            {
                // UkDateField reports through the form's own rule; MudBlazor's inputs would otherwise say "Required".
                if (tag.Value.Contains("Required=\"true\"", StringComparison.Ordinal)
                    && !tag.Value.StartsWith("<UkDateField", StringComparison.Ordinal)
                    && !tag.Value.Contains("RequiredError=", StringComparison.Ordinal))
                {
                    missing.Add($"{Path.GetFileName(file)}: {tag.Value[..Math.Min(80, tag.Value.Length)]}");
                }
            }
        }

        Assert.Empty(missing);
    }

    [Fact]
    public void TextField_NoMudTextField_CutsAPasteAtItsLimit()
    {
        // docs/conventions.md, "Long text reaches the server whole": a browser maxlength at the field's limit cuts a longer
        // paste without a word. A limit is shown by LongTextField's counter (its browser maxlength is the longest paste)
        // and enforced by the model's or the service's check, which keeps the text and says what is wrong.
        var cutting = new List<string>();
        foreach (var file in RazorFiles().Where(f => Path.GetFileName(f) != "LongTextField.razor"))
        {
            foreach (Match tag in ComponentTag().Matches(File.ReadAllText(file)))
            {
                if (tag.Value.StartsWith("<MudTextField", StringComparison.Ordinal)
                    && tag.Value.Contains("MaxLength=", StringComparison.Ordinal)
                    && !tag.Value.Contains("MaxLength=\"FormLimits.LongestPaste\"", StringComparison.Ordinal))
                {
                    cutting.Add($"{Path.GetFileName(file)}: {tag.Value[..Math.Min(100, tag.Value.Length)]}");
                }
            }
        }

        Assert.Empty(cutting);
    }

    [Fact]
    public void Select_EveryChoiceOfARecordById_NamesItsValueInWords()
    {
        // A form's select of a record by its id (an organisation, a kind) starts at 0, nothing chosen: without its own
        // words for a value MudBlazor shows the id itself, "0" in the invitation's Organisation before anything is chosen.
        var shown = new List<string>();
        foreach (var file in RazorFiles())
        {
            foreach (Match tag in ComponentTag().Matches(File.ReadAllText(file)))
            {
                if (tag.Value.StartsWith("<MudSelect", StringComparison.Ordinal) && !tag.Value.Contains("MultiSelection", StringComparison.Ordinal)
                    && Regex.IsMatch(tag.Value, @"@bind-Value=""[^""]*Id""") && !tag.Value.Contains("ToStringFunc=", StringComparison.Ordinal))
                {
                    shown.Add($"{Path.GetFileName(file)}: {tag.Value[..Math.Min(100, tag.Value.Length)]}");
                }
            }
        }

        Assert.Empty(shown);
    }

    [Fact]
    public void Confirmation_EveryQuestion_GoesThroughConfirmAsync()
    {
        // docs/conventions.md, "Agreements that bind an organisation": one way to ask before a step, with the act on the
        // yes-button and focus on the other (ConfirmationDialog). MudBlazor's message box, which starts on its confirming
        // button, is shown nowhere; the confirmation box is opened by Confirmation.cs alone.
        var web = Path.Combine(WebProject, "Components");
        var direct = System.IO.Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f) is var text && (text.Contains("ShowMessageBox", StringComparison.Ordinal)
                        || (text.Contains("<ConfirmationDialog>", StringComparison.Ordinal) && Path.GetFileName(f) != "Confirmation.cs")))
            .Select(Path.GetFileName)
            .ToList();

        Assert.Empty(direct);
        Assert.True(File.Exists(Path.Combine(web, "Shared", "Confirmation.cs")));
    }

    [Fact]
    public void TextField_EveryMultiLineField_IsALongTextField()
    {
        // docs/conventions.md, "Every multi-line field is a LongTextField": it shows the limit and a counter, and keeps
        // text over it with the model's message. The deadline form's list of recommendations is the one exception: its
        // limit is each line's, checked by the service line by line, so there is no one count to show.
        var plain = new List<string>();
        foreach (var file in RazorFiles().Where(f => Path.GetFileName(f) != "LongTextField.razor"))
        {
            foreach (Match tag in ComponentTag().Matches(File.ReadAllText(file)))
            {
                if (tag.Value.StartsWith("<MudTextField", StringComparison.Ordinal)
                    && Regex.IsMatch(tag.Value, @"\bLines=""(?!1"")")
                    && !tag.Value.Contains("_recommendations", StringComparison.Ordinal))
                {
                    plain.Add($"{Path.GetFileName(file)}: {tag.Value[..Math.Min(100, tag.Value.Length)]}");
                }
            }
        }

        Assert.Empty(plain);
    }

    [Fact]
    public void RequiredAttribute_EveryModel_HasTheAppsOwnMessage()
    {
        var sources = System.IO.Directory.EnumerateFiles(Path.Combine(Repository.Root, "EngagementHub.Core"), "*.cs", SearchOption.AllDirectories)
            .Concat(RazorFiles())
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var bare = sources.SelectMany(f => RequiredAttribute().Matches(File.ReadAllText(f)).Select(m => $"{Path.GetFileName(f)}: {m.Value}"))
            .Where(m => !m.Contains("ErrorMessage", StringComparison.Ordinal));

        Assert.Empty(bare);
    }

    /// <summary>
    /// WCAG 2.5.3 (Label in Name): a button or link that has words on it and an <c>aria-label</c> that says more must keep
    /// those words in its name, so someone using voice control can say what they see ("Say whether it is met") and
    /// reach it. The label starts with them: "Say whether it is met: recommendation 1".
    /// </summary>
    [Fact]
    public void AriaLabel_OnAButtonOrLinkWithWords_HoldsTheWordsShown()
    {
        var mismatched = new List<string>();
        foreach (var file in RazorFiles())
        {
            foreach (Match control in LabelledControl().Matches(File.ReadAllText(file)))
            {
                var shown = string.Join(' ', control.Groups["text"].Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
                if (shown.Length == 0 || shown.StartsWith('@'))
                {
                    continue; // an icon, or words computed in code
                }

                var label = control.Groups["interpolated"].Success ? control.Groups["interpolated"].Value : control.Groups["plain"].Value;
                if (!label.Contains(shown, StringComparison.OrdinalIgnoreCase))
                {
                    mismatched.Add($"{Path.GetFileName(file)}: \"{shown}\" is named \"{label}\"");
                }
            }
        }

        Assert.Empty(mismatched);
    }

    /// <summary>
    /// A field of several lines must be bound to a property that takes several lines (<see cref="MultiLineAttribute"/>):
    /// every other text property of an input model refuses a line break, so an unmarked one would refuse what people type
    /// in a text box. Matched by the property's name against every input model in Core, so a name used for several
    /// lines anywhere is marked wherever it appears.
    /// </summary>
    [Fact]
    public void SeveralLineField_EveryOne_IsBoundToAPropertyMarkedMultiLine()
    {
        var fields = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in RazorFiles())
        {
            foreach (Match tag in ComponentTag().Matches(File.ReadAllText(file)))
            {
                if (LinesAttribute().Match(tag.Value) is { Success: true } lines && int.Parse(lines.Groups[1].Value, CultureInfo.InvariantCulture) > 1
                    && ForAttribute().Match(tag.Value) is { Success: true } bound)
                {
                    fields.Add(bound.Groups[1].Value);
                }
            }
        }

        var unmarked = typeof(InputValidation).Assembly.GetExportedTypes()
            .Where(t => t.Name.EndsWith("Input", StringComparison.Ordinal))
            .SelectMany(t => t.GetProperties().Select(p => (Type: t, Property: p)))
            .Where(x => x.Property.PropertyType == typeof(string) && fields.Contains(x.Property.Name)
                        && x.Property.GetCustomAttribute<MultiLineAttribute>() is null)
            .Select(x => $"{x.Type.Name}.{x.Property.Name}");

        Assert.NotEmpty(fields);
        Assert.Empty(unmarked);
    }

    [GeneratedRegex(@"\bLines=""(\d+)""")]
    private static partial Regex LinesAttribute();

    [GeneratedRegex(@"\bFor=""\(\) => [A-Za-z_]+\.([A-Za-z]+)""")]
    private static partial Regex ForAttribute();

    private static IEnumerable<string> RazorFiles() =>
        System.IO.Directory.EnumerateFiles(Path.Combine(WebProject, "Components"), "*.razor", SearchOption.AllDirectories);

    private static string WebProject => Path.Combine(Repository.Root, "EngagementHub.Web");

    [GeneratedRegex(@"<EditForm\b[^>]*>")]
    private static partial Regex EditFormTag();

    // A component's opening tag; attribute values may hold "=>" but not a quoted ">" followed by a new tag.
    [GeneratedRegex(@"<(Mud[A-Za-z]+|LongTextField|UkDateField)\b(?:[^>""]|""[^""]*"")*>")]
    private static partial Regex ComponentTag();

    [GeneratedRegex(@"<(?<tag>MudButton|MudLink|button|a)\b(?:[^>""]|""(?:@\(\$""(?:[^""\\]|\\.)*""\)|[^""]*)"")*?aria-label=""(?:@\(\$""(?<interpolated>(?:[^""\\]|\\.)*)""\)|(?<plain>[^""]*))""(?:[^>""]|""(?:@\(\$""(?:[^""\\]|\\.)*""\)|[^""]*)"")*>(?<text>[^<]*)</\k<tag>>")]
    private static partial Regex LabelledControl();

    [GeneratedRegex(@"\[Required\b[^\]]*\]")]
    private static partial Regex RequiredAttribute();
}
