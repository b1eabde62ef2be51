namespace Huella.Elections.Station;

/// <summary>What one ballot says: a party card (by ballot position), or a null or blank vote. Nothing else.</summary>
public readonly record struct BallotChoice(int Card)
{
    public static BallotChoice Null => new(-1);

    public static BallotChoice Blank => new(-2);

    public bool IsNull => Card == -1;

    public bool IsBlank => Card == -2;
}
