package io.peerbill.metering.model;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Tells Flink to move {@link Sample}s with {@link SampleSerializer} (see {@code @TypeInfo}). */
public final class SampleTypeInfoFactory extends TypeInfoFactory<Sample> {

  @Override
  public TypeInformation<Sample> createTypeInfo(
      Type type, Map<String, TypeInformation<?>> genericParameters) {
    return new SampleTypeInfo();
  }

  /** The type of a sample stream: one opaque field, written by {@link SampleSerializer}. */
  static final class SampleTypeInfo extends TypeInformation<Sample> {

    @Override
    public boolean isBasicType() {
      return false;
    }

    @Override
    public boolean isTupleType() {
      return false;
    }

    @Override
    public int getArity() {
      return 1;
    }

    @Override
    public int getTotalFields() {
      return 1;
    }

    @Override
    public Class<Sample> getTypeClass() {
      return Sample.class;
    }

    @Override
    public boolean isKeyType() {
      return false;
    }

    @Override
    public TypeSerializer<Sample> createSerializer(SerializerConfig config) {
      return SampleSerializer.INSTANCE;
    }

    @Override
    public String toString() {
      return "Sample";
    }

    @Override
    public boolean equals(Object obj) {
      return obj instanceof SampleTypeInfo;
    }

    @Override
    public int hashCode() {
      return SampleTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
      return obj instanceof SampleTypeInfo;
    }
  }
}
