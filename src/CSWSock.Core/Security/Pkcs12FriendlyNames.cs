using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;

namespace CSWSock.Core.Security;

/// <summary>
/// The friendly names a PKCS#12 file gives its certificates (the friendlyName bag attribute),
/// by certificate thumbprint. .NET fills X509Certificate2.FriendlyName from them on Windows only.
/// </summary>
internal static class Pkcs12FriendlyNames
{
    private const string FriendlyNameOid = "1.2.840.113549.1.9.20";

    public static IReadOnlyDictionary<string, string> Read(string path, string? password)
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var info = Pkcs12Info.Decode(File.ReadAllBytes(path), out _, skipCopy: true);
        foreach (var contents in info.AuthenticatedSafe)
        {
            if (contents.ConfidentialityMode == Pkcs12ConfidentialityMode.Password)
                contents.Decrypt(password ?? "");
            foreach (var bag in contents.GetBags().OfType<Pkcs12CertBag>().Where(bag => bag.IsX509Certificate))
            {
                string? name = FriendlyName(bag);
                if (name is not null)
                    names[bag.GetCertificate().Thumbprint] = name;
            }
        }
        return names;
    }

    private static string? FriendlyName(Pkcs12SafeBag bag)
    {
        foreach (var attribute in bag.Attributes)
        {
            if (attribute.Oid.Value == FriendlyNameOid && attribute.Values.Count > 0)
                return AsnDecoder.ReadCharacterString(attribute.Values[0].RawData, AsnEncodingRules.BER, UniversalTagNumber.BMPString, out _);
        }
        return null;
    }
}
