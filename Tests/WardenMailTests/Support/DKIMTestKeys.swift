/// Throwaway keys made with `openssl genpkey` for the DKIM tests only; they sign nothing real.
enum DKIMTestKeys {
    static let ed25519PEM = """
        -----BEGIN PRIVATE KEY-----
        MC4CAQAwBQYDK2VwBCIEIArrgoscXPKEnEzupC1xMA4aCWXU4rliQ5SIH0+GvY6v
        -----END PRIVATE KEY-----
        """
    /// The Ed25519 key's 32-byte seed in base64 (`openssl pkey -outform DER | tail -c 32`).
    static let ed25519Seed = "CuuCixxc8oScTO6kLXEwDhoJZdTiuWJDlIgfT4a9jq8="
    /// Its public key, raw, as openssl prints it (`openssl pkey -pubout -outform DER | tail -c 32`).
    static let ed25519Public = "IirJLhLF6z/f9ehnDnOOXR6yxcWPd2XovzIRjZvUUr8="

    static let rsa2048PEM = """
        -----BEGIN PRIVATE KEY-----
        MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDWQfU8i35UN/EL
        viBKYcQP94dLzjPHdoB2MifPT5jnOvva/bolA6i5ZBlXn0stcX7TQOiZjnBqJ/5h
        UUyXOzxWFrPKzeDM9ceEDHjQaptxjQL1LXeUFcBxpLaSpZS4MWObZc5CZMuGyVFi
        M3gR8Hza1JXbUmNetc2Oc3Z7mzF+EcBrQzq65RaHjxumzEJ3+uaO/8PxjWY6lgKO
        RsLpHPmi2Nmc5O/tlTcVWHrp+OKLjkeWwNHASbEV9NNJVCaU0S518Ro2bikYcJ8l
        d8SOB02Y+QJ3X52/mwPIp/3NT2EY8CertBGFSd3Xqg3xgBknorCoMfB1PNc3xulh
        /ZgQS1jtAgMBAAECggEAIKAnk0IciP+BvYuEiD8N526GVCVAnjltw1HM3RUeT+ub
        6VNkknlVqnFTKJQRkwhqywlhwew+MvQHGNOT6Z10CRno49NozV0JthJeHUJ2jBpw
        Xlw/jrWnOcbepEMBe/DNXZ7pgxOtKEeklGMJABZSNNJVRXHsvsHJXM05OAZASZVr
        74MnUQSwW2yi4edYLPVGja+PkEwH5It2GnKBWB76awxVDCxtfRdXv7KZVdoyxBZ9
        68Qt7D+ct5JpsSRfN7pWG7ye+OAjsnki1n7D4OSwAzQJDk812xIevqIRwhCv+qy4
        TzJELheecrZ6VxJOhkW8FeO12LO+kTrHwewFrE7sYwKBgQD6PvvweOByw5trG6wE
        i4YHW02Se9+X9dQ2dAnNGxEkMstctpHiKscq5Lst6QdnZjYCXlVaK0KIyJqvtAD1
        cIi/M6UIScSEqxT2NGGmDMkAKrYCRkeSyPgl6xj8jG3vQLBbN/B26e0nREyYDsTL
        4Ll3jfE4IJVdI8mmD0YPgsVC3wKBgQDbLyLukjU94h6ZOWdf3foV4aSxi/St0O0v
        UPPKoNnV+cmvhmJnFTFGo2afF9zuJuPiZmZEgnrw9v1FFYw77RPC3ygmqifMw1L7
        O1xfPC9WKxBEH7HTaxl9LKMyPxYbu4aqESqaLKaXc1b4Ej/SF1t4csxG4mUvBO9l
        6RKIlTRJswKBgHuhxmKltW29ifk+sJuGOu9Dgm2OWYb/4poMdhMo/iz+E054vFYa
        gE+GtZsW95tz+dbtuAlWOgbN5O5NZfPcZxLfdvdDSp2o0DBa7KtWwa8datJw2keA
        lmhVYADVeDKtqPNIDbsSEyJFMfolwcBgBAE21Se/oUtktOkfvqNHHiHNAoGBAJ7u
        SfUVvVd2+9r8/dFM4wc0y7gWFMBoi2PQ3kXiZrI6Yp1M41N90XI4D7RymDdzqbBD
        sgohVsYdQj7yxfG6EacvKy0GGr/mLeiP/YXs3SItLalIFiiIMz5JvLg1eHF5g8cT
        lYGfuNh+wOQ2T2KmnyPykd8gUGBMws5xt4ekMPrzAoGBAN1sideUtvxTJa5SA+ii
        cc9MGcAaSwFhavLNJbM6bguhgIbyh7lnT/c4GKnP7EeH9MGEfek82gGfBiRuJ1jd
        3gzrmpylJuLeYupLStq8FLSU1ICwrUiHPiiVUeXa8R9Bu0KFdvXIQTZkUIbM/lY9
        HNQGCDW1Cr98svyf3x8DceCE
        -----END PRIVATE KEY-----
        """
    /// The same RSA key in PKCS#1 form (`BEGIN RSA PRIVATE KEY`).
    static let rsa2048PKCS1PEM = """
        -----BEGIN RSA PRIVATE KEY-----
        MIIEpAIBAAKCAQEA1kH1PIt+VDfxC74gSmHED/eHS84zx3aAdjInz0+Y5zr72v26
        JQOouWQZV59LLXF+00DomY5waif+YVFMlzs8Vhazys3gzPXHhAx40GqbcY0C9S13
        lBXAcaS2kqWUuDFjm2XOQmTLhslRYjN4EfB82tSV21JjXrXNjnN2e5sxfhHAa0M6
        uuUWh48bpsxCd/rmjv/D8Y1mOpYCjkbC6Rz5otjZnOTv7ZU3FVh66fjii45HlsDR
        wEmxFfTTSVQmlNEudfEaNm4pGHCfJXfEjgdNmPkCd1+dv5sDyKf9zU9hGPAnq7QR
        hUnd16oN8YAZJ6KwqDHwdTzXN8bpYf2YEEtY7QIDAQABAoIBACCgJ5NCHIj/gb2L
        hIg/DeduhlQlQJ45bcNRzN0VHk/rm+lTZJJ5VapxUyiUEZMIassJYcHsPjL0BxjT
        k+mddAkZ6OPTaM1dCbYSXh1CdowacF5cP461pznG3qRDAXvwzV2e6YMTrShHpJRj
        CQAWUjTSVUVx7L7ByVzNOTgGQEmVa++DJ1EEsFtsouHnWCz1Ro2vj5BMB+SLdhpy
        gVge+msMVQwsbX0XV7+ymVXaMsQWfevELew/nLeSabEkXze6Vhu8nvjgI7J5ItZ+
        w+DksAM0CQ5PNdsSHr6iEcIQr/qsuE8yRC4XnnK2elcSToZFvBXjtdizvpE6x8Hs
        BaxO7GMCgYEA+j778HjgcsObaxusBIuGB1tNknvfl/XUNnQJzRsRJDLLXLaR4irH
        KuS7LekHZ2Y2Al5VWitCiMiar7QA9XCIvzOlCEnEhKsU9jRhpgzJACq2AkZHksj4
        JesY/Ixt70CwWzfwduntJ0RMmA7Ey+C5d43xOCCVXSPJpg9GD4LFQt8CgYEA2y8i
        7pI1PeIemTlnX936FeGksYv0rdDtL1DzyqDZ1fnJr4ZiZxUxRqNmnxfc7ibj4mZm
        RIJ68Pb9RRWMO+0Twt8oJqonzMNS+ztcXzwvVisQRB+x02sZfSyjMj8WG7uGqhEq
        miyml3NW+BI/0hdbeHLMRuJlLwTvZekSiJU0SbMCgYB7ocZipbVtvYn5PrCbhjrv
        Q4JtjlmG/+KaDHYTKP4s/hNOeLxWGoBPhrWbFvebc/nW7bgJVjoGzeTuTWXz3GcS
        33b3Q0qdqNAwWuyrVsGvHWrScNpHgJZoVWAA1XgyrajzSA27EhMiRTH6JcHAYAQB
        NtUnv6FLZLTpH76jRx4hzQKBgQCe7kn1Fb1Xdvva/P3RTOMHNMu4FhTAaItj0N5F
        4mayOmKdTONTfdFyOA+0cpg3c6mwQ7IKIVbGHUI+8sXxuhGnLystBhq/5i3oj/2F
        7N0iLS2pSBYoiDM+Sby4NXhxeYPHE5WBn7jYfsDkNk9ipp8j8pHfIFBgTMLOcbeH
        pDD68wKBgQDdbInXlLb8UyWuUgPoonHPTBnAGksBYWryzSWzOm4LoYCG8oe5Z0/3
        OBipz+xHh/TBhH3pPNoBnwYkbidY3d4M65qcpSbi3mLqS0ravBS0lNSAsK1Ihz4o
        lVHl2vEfQbtChXb1yEE2ZFCGzP5WPRzUBgg1tQq/fLL8n98fA3HghA==
        -----END RSA PRIVATE KEY-----
        """
    /// Its SubjectPublicKeyInfo in base64 (`openssl pkey -pubout -outform DER`).
    static let rsa2048Public = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA1kH1PIt+VDfxC74gSmHED/eHS84zx3aAdjInz0+Y5zr72v26JQOouWQZV59LLXF+00DomY5waif+YVFMlzs8Vhazys3gzPXHhAx40GqbcY0C9S13lBXAcaS2kqWUuDFjm2XOQmTLhslRYjN4EfB82tSV21JjXrXNjnN2e5sxfhHAa0M6uuUWh48bpsxCd/rmjv/D8Y1mOpYCjkbC6Rz5otjZnOTv7ZU3FVh66fjii45HlsDRwEmxFfTTSVQmlNEudfEaNm4pGHCfJXfEjgdNmPkCd1+dv5sDyKf9zU9hGPAnq7QRhUnd16oN8YAZJ6KwqDHwdTzXN8bpYf2YEEtY7QIDAQAB"

    static let rsa1024PEM = """
        -----BEGIN PRIVATE KEY-----
        MIICdgIBADANBgkqhkiG9w0BAQEFAASCAmAwggJcAgEAAoGBAM2YpyvLU7N3ahjQ
        p5Bm6Kfu4H2XmbLh5IH2HAsV0IO+vplMyvvTwEKqJ08ydUkhM/95W87DU27R6pVo
        LO8fjSh4bRH4pg/7bJ+ZjyTVQE6xNrKz8izN54hVZZesJGjT4OrmrWQIfOIC2FCE
        wS6u9NpRezj5HOn61q/LKe84WHpjAgMBAAECgYBfpNxgKz7NBoh88tSBAN7LAP2+
        b4A5D41WSD/TiFpwb5QLjQYBEQkn+jA/T6HwW1ntR2/GSGfP7ifLSaNdurfXfTz2
        SnV+Pba6UihnNiE53f8k5RTdb5hj43LBtiXJUeNRoDzjK8Y8MLpoB9Jzy9JfL3c7
        TVWdH8j8YGI9yHcKwQJBAP9/SG14W70C1Uckk0UMd7RPsvNP7XPaqfMtW7Th4pGH
        aFMxn6Lt5pz/1YjrNh2gGHi13vadOCF8Ugnp69cP9f8CQQDOADsBX3lfWpvUgmdj
        7mHGngYZOLIuii+hxxHoSMauhyiq31uIV8PrvDGcbY1fXnjhYekvsv63yCklawUa
        k2OdAkBBQN7cppq3gVu7WcoLHo4MDTblEYrRxg0VwIXlgrN8+5pXdRsSX7RAcM62
        s2wU0OivG7QgRDMryjahtY64VKk9AkBn943QH5NuIJjNJBNyR/lo+JAzYn3rJyrr
        B0Fubmx34RcRRjE4GrNy4kRXoqLbIx73ASdjP3922bqKe/zTcNexAkEArBlPYaqx
        BcV/+B6ateoaCjQt24HudFPjkbapBVwO5dTmuT3n+xcwoLCQFKjaY2xRGEHzYKqk
        Zlk60u2u1+E1hw==
        -----END PRIVATE KEY-----
        """
    /// Too small for DKIM (RFC 8301).
    static let rsa768PEM = """
        -----BEGIN PRIVATE KEY-----
        MIIB5AIBADANBgkqhkiG9w0BAQEFAASCAc4wggHKAgEAAmEAvI2cuESxj18794Fs
        HsGD+tPOnyu0SW/9WXVu4x0lTmkemyfO0yjCApc0+PqwQJLiucdIv3qxK1kRyWEB
        KjpPw5gjdV1bXbySLcXd5karbUNz+AF0HC3rK4iOqg+1i+B7AgMBAAECYE0EBtyZ
        anFmc+cP3Sre3lrIwx/uyRAqBzDQL7/iusdBVrgHVYqYnk5SlteQBggKNo7kUHBX
        uDnQX0CvftDk1ElvOUusrfmFPNuU4oBdUi1qyndYdlTHJE6d3ViPfoJOmQIxAPfY
        J6HCfVJke6kpCh521S1+A1h3cD9Bdinm3VNjP1AhWfEQn/zdVYcW9eeCO2GJzwIx
        AMLB/Mdha3GDVlGnWoKXS2/OQynRgQ9lxSTRsuracl7mfDPhHoNQTm+zU11WERhl
        lQIwGXVuvMMJtIj12u6IR5DVXRLwrQm30gebZ7p7SbGMM2L5pjWa+ZKS0omdQOaz
        ytUpAjEAnz+nxhAunr7Z0iKZq7ayhFWQLZ2VflWlAhpFxiug4WBtpq4pGQ6NVGC5
        hdReXiiRAjBYWdeM+oAGoHwwcfCUBwGKpO7GR442AywzMTnYR/oilooDDXqyE0pb
        q5b4bLOsQuY=
        -----END PRIVATE KEY-----
        """
}
