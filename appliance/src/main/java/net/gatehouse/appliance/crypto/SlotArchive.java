package net.gatehouse.appliance.crypto;

import java.util.Arrays;

/**
 * The key slots as an archive ({@code save sys ucs}) carries them: {@code slots} is the slot document
 * as stored, every private key sealed under the device master key, and {@code masterKey} is that
 * master key wrapped by a key derived from the archive's passphrase, or in clear without one (as
 * BIG-IP keeps it in an archive saved without a passphrase).
 */
public record SlotArchive(byte[] slots, byte[] masterKey) {

    public SlotArchive {
        slots = slots.clone();
        masterKey = masterKey.clone();
    }

    @Override
    public byte[] slots() {
        return slots.clone();
    }

    @Override
    public byte[] masterKey() {
        return masterKey.clone();
    }

    /** Whether the master key is wrapped by a passphrase (BIG-IP's "encrypted" archive). */
    public boolean encrypted() throws KeySlotException {
        return MasterKeyWrap.encrypted(masterKey);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SlotArchive that && Arrays.equals(slots, that.slots)
                && Arrays.equals(masterKey, that.masterKey);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(slots) + Arrays.hashCode(masterKey);
    }

    @Override
    public String toString() {
        return "SlotArchive[" + slots.length + " bytes of sealed slots, master key withheld]";
    }
}
