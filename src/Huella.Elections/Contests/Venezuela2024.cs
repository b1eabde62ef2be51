namespace Huella.Elections.Contests;

/// <summary>
/// The presidential ballot of 28 July 2024 as printed: candidates in the column order of the
/// published results table, cards in ballot order (the order of the 38 counts in the acta QR).
/// </summary>
public static class Venezuela2024
{
    public static BallotContest Presidential { get; } = Build();

    /// <summary>Mesas set up for the election by the CNE; the published table covers 24,532 of them.</summary>
    public const int Mesas = 30_026;

    private static BallotContest Build()
    {
        Candidate[] candidates =
        [
            new("EG", "Edmundo González Urrutia"),
            new("NM", "Nicolás Maduro Moros"),
            new("LM", "Luis Eduardo Martínez"),
            new("JABE", "Javier Bertucci"),
            new("JOBR", "José Brito"),
            new("AE", "Antonio Ecarri"),
            new("CF", "Claudio Fermín"),
            new("DC", "Daniel Ceballos"),
            new("EM", "Enrique Márquez"),
            new("BERA", "Benjamín Rausseo"),
        ];
        const int González = 0, Maduro = 1, Martínez = 2, Bertucci = 3, Brito = 4, Ecarri = 5, Fermín = 6, Ceballos = 7, Márquez = 8, Rausseo = 9;
        PartyCard[] cards =
        [
            new("PSUV", Maduro), new("PCV", Maduro), new("TUPAMARO", Maduro), new("PPT", Maduro), new("MSV", Maduro),
            new("PODEMOS", Maduro), new("MEP", Maduro), new("APC", Maduro), new("ORA", Maduro), new("UPV", Maduro),
            new("EV", Maduro), new("PVV", Maduro), new("PFV", Maduro),
            new("AD", Martínez), new("COPEI", Martínez), new("MR", Martínez), new("BR", Martínez), new("DDP", Martínez), new("UNE", Martínez),
            new("EL CAMBIO", Bertucci),
            new("PV", Brito), new("VU", Brito), new("UVV", Brito), new("MPJ", Brito),
            new("AP", Ecarri), new("MOVEV", Ecarri), new("CMC", Ecarri), new("FV", Ecarri), new("ALIANZA DEL LAPIZ", Ecarri), new("MIN UNIDAD", Ecarri),
            new("SPV", Fermín),
            new("VPA", Ceballos), new("AREPA", Ceballos),
            new("UNTC", González), new("MPV", González), new("MUD", González),
            new("CENTRADOS", Márquez),
            new("CONDE", Rausseo),
        ];
        return new BallotContest("Presidente de la República 2024", candidates, cards);
    }
}
