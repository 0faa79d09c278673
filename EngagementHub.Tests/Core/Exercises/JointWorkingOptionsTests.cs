using EngagementHub.Core.Exercises;

namespace EngagementHub.Tests.Core.Exercises;

public sealed class JointWorkingOptionsTests
{
    [Fact]
    public void All_SixOptions_NumberedOneToSixWithStrengthsAndDrawbacks()
    {
        Assert.Equal([1, 2, 3, 4, 5, 6], JointWorkingOptions.All.Select(o => o.Number));
        Assert.All(JointWorkingOptions.All, o =>
        {
            Assert.NotEmpty(o.Strengths);
            Assert.NotEmpty(o.Drawbacks);
            Assert.Equal($"Option {o.Number}", o.Label);
        });
    }

    [Theory]
    [InlineData(1, SpectrumSide.InsideCommissionersExercise)]
    [InlineData(3, SpectrumSide.InsideCommissionersExercise)]
    [InlineData(4, SpectrumSide.OutsideCommissionersExercise)]
    [InlineData(6, SpectrumSide.OutsideCommissionersExercise)]
    public void Side_ByNumber_OneToThreeInsideFourToSixOutside(int number, SpectrumSide side) =>
        Assert.Equal(side, JointWorkingOptions.Get(number).Side);

    [Fact]
    public void OptionThree_BuildsOnOptionTwo_WithItsOwnStrengthsAndDrawbacks()
    {
        var two = JointWorkingOptions.Get(2);
        var three = JointWorkingOptions.Get(3);

        Assert.All(two.Strengths, s => Assert.Contains(s, three.Strengths));
        Assert.Contains("Minimises the time commitment for the LINk", three.Strengths);
        Assert.Contains("Limited spectrum of views", three.Drawbacks);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void Get_OutOfRange_Throws(int number) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => JointWorkingOptions.Get(number));
}
