namespace Huella.Identity.Storage;

/// <summary>How many records the store holds, by status, and how many fingers are in the gallery.</summary>
public sealed record RegistryCounts(int Active, int PendingAdjudication, int Deceased, int Removed, int GalleryFingers, int OpenCases)
{
    public int InGallery => Active + PendingAdjudication + Deceased;
}
