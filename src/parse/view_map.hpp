// A hash map from string views to small values, for the article reader's word tables: every
// word of an article is looked up in them, and node-based maps spend most of that time hashing
// with a general-purpose function, allocating and chasing pointers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace folio::parse {

/// Open addressing with linear probing and FNV-1a hashing; the keys' characters are not copied,
/// so they must outlive the map. Grows to keep the load at most one half.
template <class V>
class ViewMap {
public:
    /// The value stored under `key`, or nullptr.
    const V* find(std::string_view key) const {
        if (slots_.empty()) return nullptr;
        for (std::size_t k = hash(key) & mask(); ; k = (k + 1) & mask()) {
            const Slot& s = slots_[k];
            if (!s.used) return nullptr;
            if (s.key == key) return &s.value;
        }
    }
    bool contains(std::string_view key) const { return find(key) != nullptr; }

    /// The value stored under `key`, inserted value-initialised when absent.
    V& operator[](std::string_view key) {
        if (2 * (size_ + 1) > slots_.size()) grow();
        for (std::size_t k = hash(key) & mask(); ; k = (k + 1) & mask()) {
            Slot& s = slots_[k];
            if (!s.used) {
                s.used = true;
                s.key = key;
                ++size_;
                return s.value;
            }
            if (s.key == key) return s.value;
        }
    }
    void insert(std::string_view key) { static_cast<void>((*this)[key]); }

    std::size_t size() const { return size_; }

private:
    struct Slot {
        std::string_view key;
        V value{};
        bool used = false;
    };

    static std::size_t hash(std::string_view s) {
        std::uint64_t h = 14695981039346656037ull;
        for (char c : s) {
            h ^= static_cast<unsigned char>(c);
            h *= 1099511628211ull;
        }
        return static_cast<std::size_t>(h ^ (h >> 32));
    }
    std::size_t mask() const { return slots_.size() - 1; }

    void grow() {
        constexpr std::size_t initial_slots = 64;
        std::vector<Slot> old = std::move(slots_);
        slots_.assign(old.empty() ? initial_slots : 2 * old.size(), Slot{});
        size_ = 0;
        for (const Slot& s : old)
            if (s.used) (*this)[s.key] = s.value;
    }

    std::vector<Slot> slots_;  // a power of two in size
    std::size_t size_ = 0;
};

/// A map from 64-bit keys (hashes of words or word pairs) to small values, open addressing with
/// linear probing. Key 0 is stored as 1: keys are hashes, and one more collision is harmless.
template <class V>
class KeyMap {
public:
    V& operator[](std::uint64_t key) {
        key = key ? key : 1;
        if (2 * (size_ + 1) > keys_.size()) grow();
        for (std::size_t k = mix(key) & mask(); ; k = (k + 1) & mask()) {
            if (keys_[k] == key) return values_[k];
            if (keys_[k] == 0) {
                keys_[k] = key;
                ++size_;
                return values_[k];
            }
        }
    }
    const V* find(std::uint64_t key) const {
        if (keys_.empty()) return nullptr;
        key = key ? key : 1;
        for (std::size_t k = mix(key) & mask(); ; k = (k + 1) & mask()) {
            if (keys_[k] == key) return &values_[k];
            if (keys_[k] == 0) return nullptr;
        }
    }
    bool contains(std::uint64_t key) const { return find(key) != nullptr; }
    void insert(std::uint64_t key) { static_cast<void>((*this)[key]); }
    std::size_t size() const { return size_; }

private:
    static std::size_t mix(std::uint64_t k) { return static_cast<std::size_t>((k ^ (k >> 29)) * 0xBF58476D1CE4E5B9ull >> 17); }
    std::size_t mask() const { return keys_.size() - 1; }
    void grow() {
        constexpr std::size_t initial_slots = 256;
        std::vector<std::uint64_t> old_keys = std::move(keys_);
        std::vector<V> old_values = std::move(values_);
        keys_.assign(old_keys.empty() ? initial_slots : 2 * old_keys.size(), 0);
        values_.assign(keys_.size(), V{});
        size_ = 0;
        for (std::size_t k = 0; k < old_keys.size(); ++k)
            if (old_keys[k]) (*this)[old_keys[k]] = old_values[k];
    }
    std::vector<std::uint64_t> keys_;  // a power of two in size
    std::vector<V> values_;
    std::size_t size_ = 0;
};

using KeySet = KeyMap<std::uint8_t>;

}  // namespace folio::parse
