using EngagementHub.Core.Common;

namespace EngagementHub.Tests.Core.Common;

public sealed class UntrustedTextTests
{
    [Theory]
    [InlineData("a\0b", true)]
    [InlineData("a\u0007b", true)]
    [InlineData("a\u007Fb", true)]
    [InlineData("a\u009Bb", true)]
    [InlineData("a\tb\r\nc", false)]
    [InlineData("Zoë – 😀", false)]
    [InlineData(null, false)]
    public void HasControlCharacters_Text_IsTrueOnlyForRefusedControls(string? text, bool expected) =>
        Assert.Equal(expected, UntrustedText.HasControlCharacters(text));

    [Fact]
    public void ForOutput_ControlBidiAndLoneSurrogates_AreRemovedAndTheRestKept() =>
        Assert.Equal("Stroke review gnp.exe\t😀 line\r\nnext",
            UntrustedText.ForOutput("Stroke\0 review \u202Egnp.exe\u202C\t😀\uD83D line\u2066\r\nnext\uFFFF\u0001"));

    [Fact]
    public void ForOutput_CleanText_ReturnsTheSameInstance()
    {
        var text = "Birmingham LINk – שלום 😀";

        Assert.Same(text, UntrustedText.ForOutput(text));
    }

    [Fact]
    public void Isolate_RightToLeftOverride_IsRemovedAndTheNameIsolated() =>
        Assert.Equal("\u2068Colin gnp.exe\u2069", UntrustedText.Isolate("Colin \u202Egnp.exe"));

    [Fact]
    public void Isolate_HebrewName_IsIsolated() =>
        Assert.Equal("\u2068שרה\u2069", UntrustedText.Isolate("שרה"));

    [Fact]
    public void Isolate_PlainLeftToRightName_IsUnchanged() =>
        Assert.Equal("Colin Jones", UntrustedText.Isolate("Colin Jones"));

    // A subject posted with line breaks must not start a line of its own in a plain-text e-mail, where it could pose as
    // the app's "Open it:" link.
    [Theory]
    [InlineData("Waiting times\n\nOpen it: https://evil.example/login\n\n", "Waiting times Open it: https://evil.example/login ")]
    [InlineData("One\r\nTwo\tThree", "One Two Three")]
    [InlineData("Line\u2028separator\u2029paragraph", "Line separator paragraph")]
    public void Isolate_LineBreaksAndTabs_BecomeOneSpaceEach(string typed, string quoted) =>
        Assert.Equal(quoted, UntrustedText.Isolate(typed));

    [Fact]
    public void Isolate_RightToLeftOverrideAndALineBreak_OneIsolatedLine() =>
        Assert.Equal("\u2068Invoice fdp.exe review Open it: https://evil.example\u2069",
            UntrustedText.Isolate("Invoice \u202Efdp.exe\u202C review\n  Open it: https://evil.example"));

    [Fact]
    public void OneLine_NoLineBreak_ReturnsTheSameText()
    {
        const string text = "A title on one line";

        Assert.Same(text, UntrustedText.OneLine(text));
    }

    // A quote that ends with its own stop ends the sentence: no second full stop after it ("…data.".).
    [Theory]
    [InlineData("The figures are attached.", ": \"The figures are attached.\"")]
    [InlineData("Can you wait?", ": \"Can you wait?\"")]
    [InlineData("Our board meets in April", ": \"Our board meets in April\".")]
    [InlineData("  ", ".")]
    [InlineData(null, ".")]
    public void QuotedSentenceEnd_TheirOwnStop_EndsTheSentenceOnce(string? said, string expected) =>
        Assert.Equal(expected, UntrustedText.QuotedSentenceEnd(said));

    [Theory]
    [InlineData("Description set to “Seen.”", "Description set to “Seen.”")]
    [InlineData("Description set to “Seen”", "Description set to “Seen”.")]
    [InlineData("cleared (was “Seen.”)", "cleared (was “Seen.”).")]
    [InlineData(", with the note \"Agreed on the day!\"", ", with the note \"Agreed on the day!\"")]
    [InlineData(", with no note", ", with no note.")]
    public void EndSentence_AQuoteWithItsOwnStop_EndsIt(string sentence, string expected) =>
        Assert.Equal(expected, UntrustedText.EndSentence(sentence));
}
