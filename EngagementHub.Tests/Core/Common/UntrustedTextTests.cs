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
}
