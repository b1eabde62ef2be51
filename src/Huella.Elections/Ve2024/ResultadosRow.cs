using Huella.Elections.Results;

namespace Huella.Elections.Ve2024;

/// <summary>One row of the published 2024 results table: a mesa's result and where it is.</summary>
public sealed record ResultadosRow(MesaResult Result, string State, string Municipality, string Parish, string ActaImage);
