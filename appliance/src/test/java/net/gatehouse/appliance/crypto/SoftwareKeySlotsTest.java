package net.gatehouse.appliance.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoftwareKeySlotsTest {

    @TempDir
    Path directory;

    @Test
    void generatesEveryKeyTypeInsideASlotAndSignsWithIt() throws Exception {
        try (SoftwareKeySlots slots = SoftwareKeySlots.open(directory, 8)) {
            for (KeySpec spec : new KeySpec[] {KeySpec.rsa(2048), KeySpec.rsa(4096), KeySpec.ec("prime256v1"),
                    KeySpec.ec("secp384r1")}) {
                KeySlots.Slot slot = slots.generate("/Common/" + spec.keyType() + spec.keySize(), spec);
                if (spec.isRsa()) {
                    assertThat(((RSAPublicKey) slot.publicKey()).getModulus().bitLength()).isEqualTo(spec.keySize());
                } else {
                    assertThat(((ECPublicKey) slot.publicKey()).getParams().getCurve().getField().getFieldSize())
                            .isEqualTo(spec.keySize());
                }
                byte[] data = "hello".getBytes(StandardCharsets.US_ASCII);
                byte[] signed = slots.sign(slot.label(), spec.signatureAlgorithm(), data);
                Signature verifier = Signature.getInstance(spec.signatureAlgorithm());
                verifier.initVerify(slot.publicKey());
                verifier.update(data);
                assertThat(verifier.verify(signed)).isTrue();
            }
            assertThat(slots.slots()).extracting(KeySlots.Slot::number).containsExactly(0, 1, 2, 3);
        }
    }

    @Test
    void aFullCardRefusesANewKeyClearly() throws Exception {
        try (SoftwareKeySlots slots = SoftwareKeySlots.open(directory, 2)) {
            slots.generate("/Common/a", KeySpec.ec("prime256v1"));
            slots.generate("/Common/b", KeySpec.ec("prime256v1"));
            assertThatThrownBy(() -> slots.generate("/Common/c", KeySpec.ec("prime256v1")))
                    .isInstanceOf(KeySlotException.class)
                    .hasMessage("All 2 key slots are in use; delete a key before creating /Common/c.");
            slots.delete("/Common/a");
            assertThat(slots.generate("/Common/c", KeySpec.ec("prime256v1")).number()).isZero();
        }
    }

    @Test
    void theMasterKeyIsOwnerOnlyOutsideTheSlotsAndTheSlotFileHoldsNoKeyInClear() throws Exception {
        KeyPair pair = TestKeys.rsa();
        try (SoftwareKeySlots slots = SoftwareKeySlots.open(directory, 4)) {
            slots.importKey("/Common/imported", new KeyFiles().privateKey(TestKeys.traditionalPem(pair), Optional.empty()));
        }
        assertThat(Files.getPosixFilePermissions(directory.resolve("master.key")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(directory.resolve("keyslots.json")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        LeakScan.assertNoPrivateKey(directory.resolve("keyslots.json"), pair.getPrivate().getEncoded());
    }

    @Test
    void changingTheMasterKeyReencryptsEverySlotAndSurvivesAReopen() throws Exception {
        String before;
        KeySlots.Slot slot;
        try (SoftwareKeySlots slots = SoftwareKeySlots.open(directory, 4)) {
            slot = slots.generate("/Common/k", KeySpec.ec("prime256v1"));
            before = slots.masterKey().current();
            String sealedBefore = Files.readString(directory.resolve("keyslots.json"));
            slots.changeMasterKey(Optional.empty());
            assertThat(slots.masterKey().current()).isNotEqualTo(before);
            assertThat(slots.masterKey().previous()).isEqualTo(before);
            assertThat(Files.readString(directory.resolve("keyslots.json"))).isNotEqualTo(sealedBefore);
        }
        try (SoftwareKeySlots slots = SoftwareKeySlots.open(directory, 4)) {
            assertThat(slots.masterKey().previous()).isEqualTo(before);
            byte[] signed = slots.sign("/Common/k", "SHA256withECDSA", new byte[] {1});
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(slot.publicKey());
            verifier.update(new byte[] {1});
            assertThat(verifier.verify(signed)).isTrue();
        }
    }

    @Test
    void aMasterKeyDerivedFromAPasswordIsTheSameOnTwoDevices() throws Exception {
        Path other = directory.resolve("other");
        try (SoftwareKeySlots first = SoftwareKeySlots.open(directory.resolve("one"), 1);
             SoftwareKeySlots second = SoftwareKeySlots.open(other, 1)) {
            first.changeMasterKey(Optional.of("correct horse".toCharArray()));
            second.changeMasterKey(Optional.of("correct horse".toCharArray()));
            assertThat(first.masterKey().current()).isEqualTo(second.masterKey().current());
        }
    }

    @Test
    void anInterruptedMasterKeyChangeIsFinishedOnTheNextOpen() throws Exception {
        try (SoftwareKeySlots slots = SoftwareKeySlots.open(directory, 4)) {
            slots.generate("/Common/k", KeySpec.ec("prime256v1"));
            slots.changeMasterKey(Optional.empty());
        }
        // As if the process died after moving the new master key into place but before the slots:
        // the new slots are still in keyslots.json.next and keyslots.json is sealed under the old key.
        Path slotsFile = directory.resolve("keyslots.json");
        Files.copy(slotsFile, directory.resolve("keyslots.json.next"));
        String stale = Files.readString(slotsFile).replaceFirst("\"masterKey\" : \"[^\"]+\"",
                "\"masterKey\" : \"" + Base64.getEncoder().encodeToString(new byte[64]) + "\"");
        Files.writeString(slotsFile, stale);
        try (SoftwareKeySlots slots = SoftwareKeySlots.open(directory, 4)) {
            assertThat(slots.find("/Common/k")).isPresent();
            assertThat(slots.sign("/Common/k", "SHA256withECDSA", new byte[] {1})).isNotEmpty();
        }
        assertThat(directory.resolve("keyslots.json.next")).doesNotExist();
    }

    @Test
    void importsPemPkcs8AndPkcs12WithTheirPassphrases() throws Exception {
        KeyFiles files = new KeyFiles();
        KeyPair rsa = TestKeys.rsa();
        KeyPair ec = TestKeys.ec();
        assertThat(files.privateKey(TestKeys.traditionalPem(ec), Optional.empty()).publicKey().getEncoded())
                .isEqualTo(ec.getPublic().getEncoded());
        assertThat(files.privateKey(TestKeys.encryptedPkcs8(rsa, "s3cret"), Optional.of("s3cret".toCharArray()))
                .publicKey()).isEqualTo(rsa.getPublic());
        assertThat(files.privateKey(rsa.getPrivate().getEncoded(), Optional.empty()).publicKey())
                .isEqualTo(rsa.getPublic());
        byte[] p12 = TestKeys.pkcs12(ec, TestKeys.certificate(ec, "p12", java.time.Instant.now(),
                java.time.Duration.ofDays(30)), "pw");
        assertThat(files.privateKey(p12, Optional.of("pw".toCharArray())).publicKey().getEncoded())
                .isEqualTo(ec.getPublic().getEncoded());
        assertThatThrownBy(() -> files.privateKey(TestKeys.encryptedPkcs8(rsa, "s3cret"), Optional.of("wrong".toCharArray())))
                .hasMessage("the key cannot be decrypted with this passphrase");
        assertThatThrownBy(() -> files.privateKey(TestKeys.encryptedPkcs8(rsa, "s3cret"), Optional.empty()))
                .hasMessage("the key is encrypted and needs a passphrase");
        assertThatThrownBy(() -> files.privateKey(p12, Optional.of("wrong".toCharArray())))
                .hasMessage("the PKCS#12 file cannot be opened with this passphrase");
    }
}
