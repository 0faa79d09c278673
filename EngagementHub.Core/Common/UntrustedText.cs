using System.Text;

namespace EngagementHub.Core.Common;

/// <summary>
/// Rules for text people type, paste or import, on its way in (control characters are refused) and on its way out to
/// files other programs open (characters those programs choke on or that reorder the text around them are removed).
/// </summary>
public static class UntrustedText
{
    /// <summary>The message shown beside a field whose text holds a control character.</summary>
    public const string ControlCharacterMessage =
        "This text holds an invisible control character (often carried in by a paste). Retype or remove it.";

    /// <summary>
    /// True when <paramref name="text"/> holds a control character other than tab, line feed and carriage return: the
    /// C0 set (NUL to U+001F), DEL and the C1 set (U+0080–U+009F). Such characters have no meaning in a name or a note,
    /// and XML (hence Excel workbooks) cannot carry most of them, so one stored NUL would break every workbook export.
    /// </summary>
    public static bool HasControlCharacters(string? text) => text is not null && text.Any(IsRefusedControl);

    private static bool IsRefusedControl(char c) =>
        c is < '\u0020' and not ('\t' or '\n' or '\r') or >= '\u007F' and <= '\u009F';

    /// <summary>
    /// True for the Unicode bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069).
    /// An unbalanced right-to-left override in a name reverses everything after it on the line ("Trojan Source",
    /// CVE-2021-42574), so they are removed from text written to files and feeds. The marks (U+200E, U+200F, U+061C)
    /// stay: they cannot reorder the text around them.
    /// </summary>
    public static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    /// <summary>
    /// <paramref name="text"/> fit to write into a file another program opens (CSV, Excel, iCalendar): control characters
    /// other than tab, line feed and carriage return, bidirectional controls, unpaired surrogates and the non-characters
    /// U+FFFE and U+FFFF removed. Returns the same instance when there is nothing to remove.
    /// </summary>
    public static string ForOutput(string text)
    {
        var clean = true;
        for (var i = 0; i < text.Length && clean; i++)
        {
            clean = !Unwanted(text, i, out var length);
            i += length - 1;
        }

        if (clean)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (!Unwanted(text, i, out var pairLength))
            {
                builder.Append(text, i, pairLength);
            }

            i += pairLength - 1;
        }

        return builder.ToString();
    }

    /// <summary>
    /// For plain-text sentences that quote a person's words (notifications, e-mails, lines built in code): the words on
    /// one line and unable to reorder the sentence around them. Control characters are removed (<see cref="ForOutput"/>)
    /// and each run of line breaks and tabs becomes one space (<see cref="OneLine"/>), so a line break typed or posted into
    /// a subject cannot start a line of its own in an e-mail (a forged "Open it:" link under the app's name). Text that is
    /// all left-to-right without bidirectional controls is then as it was; otherwise those controls are removed and it is
    /// wrapped in a first-strong isolate (U+2068 … U+2069), so it keeps its own direction and cannot reorder the sentence
    /// (Unicode Bidirectional Algorithm, UAX #9). In markup use <c>&lt;bdi&gt;</c>.
    /// </summary>
    /// <returns>The quote as one line; the same instance when there was nothing to change.</returns>
    public static string Isolate(string text)
    {
        var line = OneLine(ForOutput(text));
        return text.Any(c => IsBidiControl(c) || IsRightToLeft(c)) ? "\u2068" + line + "\u2069" : line;
    }

    /// <summary>
    /// Someone's words quoted at the end of a sentence of a notice, after its clause: <c>: "Figures attached."</c>. Their
    /// own full stop, question mark, exclamation mark or ellipsis ends the sentence, with no second one after the quote
    /// (<c>…attached.".</c>); without one, the sentence's full stop follows the quote (<see cref="EndSentence"/>). Quoted
    /// as <see cref="Isolate"/> quotes.
    /// </summary>
    /// <param name="said">Their words; nothing said (null or blank) is not quoted.</param>
    /// <returns>The text that ends the sentence: <c>: "…"</c> and its stop, or "." when nothing was said. A calculation:
    /// it refuses nothing.</returns>
    public static string QuotedSentenceEnd(string? said) =>
        string.IsNullOrWhiteSpace(said) ? "." : EndSentence($": \"{Isolate(said.Trim())}\"");

    /// <summary>
    /// A sentence ended with a full stop, unless it already ends with a stop of its own inside a closing quote or
    /// isolate (<c>… the note "Figures attached."</c>, <c>… set to “Seen.”</c>): never two stops.
    /// </summary>
    /// <param name="sentence">The sentence without its final stop.</param>
    /// <returns>The sentence with one stop at its end. A calculation: it refuses nothing.</returns>
    public static string EndSentence(string sentence) =>
        sentence.TrimEnd('"', '\u201D', '\u2019', '\u2069') is [.., '.' or '?' or '!' or '…'] && sentence.Length > 0 && sentence[^1] is '"' or '\u201D' or '\u2019' or '\u2069'
            ? sentence
            : sentence + ".";

    /// <summary>
    /// <paramref name="text"/> on one line: each run of line feeds, carriage returns, tabs and the Unicode line and
    /// paragraph separators (U+2028, U+2029), with the spaces around it, becomes one space. For text the app composes as one line (a notification's
    /// title and paragraph), whatever the words it quotes hold.
    /// </summary>
    /// <returns>The text with no line break; the same instance when it had none.</returns>
    public static string OneLine(string text)
    {
        if (text.AsSpan().IndexOfAny(LineBreaks) < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var inBreak = false;
        foreach (var c in text)
        {
            if (LineBreaks.Contains(c))
            {
                if (!inBreak)
                {
                    // The spaces that ended the line go with the break, as do those that indent the next (below).
                    while (builder.Length > 0 && builder[^1] == ' ')
                    {
                        builder.Length--;
                    }

                    builder.Append(' ');
                }

                inBreak = true;
            }
            else if (!(inBreak && c == ' '))
            {
                builder.Append(c);
                inBreak = false;
            }
        }

        return builder.ToString();
    }

    private static readonly System.Buffers.SearchValues<char> LineBreaks = System.Buffers.SearchValues.Create("\n\r\t\u2028\u2029");

    /// <summary>Hebrew, Arabic and the other right-to-left blocks, including their surrogate-encoded ones (high surrogates D802–D803, D83A–D83B).</summary>
    private static bool IsRightToLeft(char c) =>
        c is >= '\u0590' and <= '\u08FF' or >= '\uFB1D' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFF' or '\u200F' or '\u061C'
            or '\uD802' or '\uD803' or '\uD83A' or '\uD83B';

    /// <summary>Whether the character at <paramref name="i"/> is to be removed; <paramref name="length"/> is 2 for a whole surrogate pair.</summary>
    private static bool Unwanted(string text, int i, out int length)
    {
        var c = text[i];
        length = 1;
        if (char.IsHighSurrogate(c))
        {
            if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                length = 2;
                return false;
            }

            return true;
        }

        return char.IsLowSurrogate(c) || IsRefusedControl(c) || IsBidiControl(c) || c is '\uFFFE' or '\uFFFF';
    }
}
